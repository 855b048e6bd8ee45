package lab.benchmarks.throughput;

import java.util.concurrent.TimeUnit;
import lab.benchmarks.support.BenchService;
import lab.benchmarks.support.Counters;
import lab.benchmarks.support.Endpoint;
import lab.benchmarks.support.PerOperation;
import lab.proto.benchmarks.BenchGrpc;
import lab.proto.benchmarks.Chunk;
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
 * The CPU price of gzip on loopback, where bandwidth is nearly free: compressible text
 * uploaded by the client, with and without gzip. (On a slow network the saved bytes can win;
 * examples-compression measures the bytes saved.)
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class CompressionBenchmark {
  @Param({"identity", "gzip"})
  public String encoding;
  @Param({"1024", "65536"})
  public int size;

  private Endpoint endpoint;
  private BenchGrpc.BenchStub stub;
  private Chunk chunk;
  private int count;

  @Setup(Level.Trial)
  public void start() throws Exception {
    endpoint = Endpoint.start("netty", "direct");
    stub = BenchGrpc.newStub(endpoint.channel());
    if (encoding.equals("gzip")) {
      stub = stub.withCompression("gzip");
    }
    chunk = Chunk.newBuilder().setData(BenchService.payload(size, true)).build();
    count = PerOperation.messages(size);
  }

  @TearDown(Level.Trial)
  public void stop() throws Exception {
    endpoint.close();
  }

  @Benchmark
  public long upload(Counters counters) throws Exception {
    long received = Uploads.upload(stub, chunk, count);
    counters.add(received, size);
    return received;
  }

}
