package lab.benchmarks.throughput;

import java.util.concurrent.TimeUnit;
import lab.benchmarks.support.Counters;
import lab.benchmarks.support.Endpoint;
import lab.benchmarks.support.PerOperation;
import lab.proto.benchmarks.BenchGrpc;
import lab.proto.benchmarks.DownloadRequest;
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
 * Server streaming throughput: one operation downloads about 2 MiB as {@code size}-byte
 * messages from a flow-controlled producer. Compare the "bytes" rate with
 * RawSocketBenchmark.stream for the same size.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class ServerStreamingBenchmark {
  @Param({"inprocess", "netty"})
  public String transport;
  @Param({"16", "1024", "65536"})
  public int size;
  @Param({"direct", "default", "fixed"})
  public String executor;

  private Endpoint endpoint;
  private BenchGrpc.BenchStub stub;
  private DownloadRequest request;

  @Setup(Level.Trial)
  public void start() throws Exception {
    endpoint = Endpoint.start(transport, executor);
    stub = BenchGrpc.newStub(endpoint.channel());
    request = DownloadRequest.newBuilder().setCount(PerOperation.messages(size)).setSize(size)
        .setFlowControlled(true).build();
  }

  @TearDown(Level.Trial)
  public void stop() throws Exception {
    endpoint.close();
  }

  @Benchmark
  public long download(Counters counters) throws Exception {
    long received = Downloads.download(stub, request);
    counters.add(received, size);
    return received;
  }
}
