package lab.benchmarks.throughput;

import io.grpc.stub.StreamObserver;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import lab.benchmarks.support.BenchService;
import lab.benchmarks.support.Endpoint;
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
 * Bidi ping-pong round trip on one open stream: send a 16-byte message, wait for its echo.
 * Sample time gives the distribution (median, p99); compare RawSocketBenchmark.pingPong.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class PingPongBenchmark {
  @Param({"inprocess", "netty"})
  public String transport;
  @Param({"direct", "default"})
  public String executor;

  private Endpoint endpoint;
  private StreamObserver<Chunk> requests;
  private final BlockingQueue<Chunk> replies = new ArrayBlockingQueue<>(1);
  private final Chunk ping = Chunk.newBuilder().setData(BenchService.payload(16, false)).build();

  @Setup(Level.Trial)
  public void start() throws Exception {
    endpoint = Endpoint.start(transport, executor);
    requests = BenchGrpc.newStub(endpoint.channel()).echo(new StreamObserver<>() {
      @Override public void onNext(Chunk chunk) {
        replies.add(chunk);
      }
      @Override public void onError(Throwable t) {}
      @Override public void onCompleted() {}
    });
  }

  @TearDown(Level.Trial)
  public void stop() throws Exception {
    requests.onCompleted();
    endpoint.close();
  }

  @Benchmark
  public Chunk roundTrip() throws InterruptedException {
    requests.onNext(ping);
    return replies.take();
  }
}
