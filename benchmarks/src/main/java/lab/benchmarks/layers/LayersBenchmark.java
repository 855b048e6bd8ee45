package lab.benchmarks.layers;

import java.util.concurrent.TimeUnit;
import lab.benchmarks.support.Counters;
import lab.benchmarks.support.PerOperation;
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

/**
 * Peels the stack between a socket and gRPC in one run: the same operation (about 2 MiB of
 * 5-byte-framed {@code size}-byte messages streamed server to client and parsed by the client)
 * through each {@link Layer}, cheapest first. LayersReport turns the differences into each
 * layer's share of gRPC's time per message.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class LayersBenchmark {
  @Param({"socket", "nio", "netty", "http2", "grpc"})
  public String layer;
  @Param({"16", "1024", "65536"})
  public int size;

  private Layer stack;
  private int count;

  @Setup(Level.Trial)
  public void start() throws Exception {
    stack = Layers.start(layer);
    count = PerOperation.messages(size);
  }

  @TearDown(Level.Trial)
  public void stop() throws Exception {
    stack.close();
  }

  @Benchmark
  public long stream(Counters counters) throws Exception {
    Layer.Received received = stack.stream(count, size);
    if (received.messages() != count || received.bytes() != (long) count * size) {
      throw new IllegalStateException(layer + " delivered " + received + ", not " + count
          + " messages of " + size + " bytes");
    }
    counters.add(received.messages(), size);
    return received.messages();
  }
}
