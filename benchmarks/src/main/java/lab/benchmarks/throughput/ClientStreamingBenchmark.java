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

/** Client streaming throughput: one operation uploads about 2 MiB, flow-controlled. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class ClientStreamingBenchmark {
  @Param({"inprocess", "netty"})
  public String transport;
  @Param({"16", "1024", "65536"})
  public int size;
  @Param({"direct", "default"})
  public String executor;

  private Endpoint endpoint;
  private BenchGrpc.BenchStub stub;
  private Chunk chunk;
  private int count;

  @Setup(Level.Trial)
  public void start() throws Exception {
    endpoint = Endpoint.start(transport, executor);
    stub = BenchGrpc.newStub(endpoint.channel());
    chunk = Chunk.newBuilder().setData(BenchService.payload(size, false)).build();
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
