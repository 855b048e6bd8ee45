package lab.benchmarks.throughput;

import java.util.concurrent.TimeUnit;
import lab.benchmarks.support.RawSocketPeer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/** Baseline for PingPongBenchmark: a 16-byte framed message echoed over a plain socket. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class RawSocketPingPongBenchmark {
  private RawSocketPeer peer;
  private final byte[] ping = new byte[16];
  private final byte[] pong = new byte[16];

  @Setup(Level.Trial)
  public void start() throws Exception {
    peer = new RawSocketPeer(true);
  }

  @TearDown(Level.Trial)
  public void stop() throws Exception {
    peer.close();
  }

  @Benchmark
  public int roundTrip() throws Exception {
    RawSocketPeer.writeFrame(peer.out, ping, ping.length);
    peer.out.flush();
    return RawSocketPeer.readFrame(peer.in, pong);
  }
}
