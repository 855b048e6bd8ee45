package lab.benchmarks.throughput;

import java.util.concurrent.TimeUnit;
import lab.benchmarks.support.Counters;
import lab.benchmarks.support.PerOperation;
import lab.benchmarks.support.RawSocketPeer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/** Baseline for ServerStreamingBenchmark: the same framed bytes over a plain socket. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class RawSocketStreamBenchmark {
  @Param({"16", "1024", "65536"})
  public int size;

  private RawSocketPeer peer;
  private byte[] buffer;
  private int count;

  @Setup(Level.Trial)
  public void start() throws Exception {
    peer = new RawSocketPeer(false);
    buffer = new byte[size];
    count = PerOperation.messages(size);
  }

  @TearDown(Level.Trial)
  public void stop() throws Exception {
    peer.close();
  }

  @Benchmark
  public long stream(Counters counters) throws Exception {
    peer.out.writeInt(count);
    peer.out.writeInt(size);
    peer.out.flush();
    for (int i = 0; i < count; i++) {
      RawSocketPeer.readFrame(peer.in, buffer);
    }
    counters.add(count, size);
    return count;
  }
}
