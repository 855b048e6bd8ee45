package lab.benchmarks.ladder;

import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import lab.benchmarks.support.Counters;
import lab.benchmarks.support.PerOperation;
import lab.proto.benchmarks.Batch;
import lab.proto.benchmarks.LadderGrpc;
import lab.proto.benchmarks.LadderRequest;
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
 * The tuning ladder: server streaming of small payloads over Netty on loopback, one knob
 * turned per rung ({@link Tuning#STEPS}), measured cumulatively (every rung up to this one)
 * and alone (only this one, on grpc-java's defaults). One operation streams about 2 MiB of
 * payload, as ServerStreamingBenchmark does; "messages" counts payloads, however batched.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class TuningLadderBenchmark {
  @Param({"default", "direct", "threshold", "window", "batch8", "batch64", "batch512",
      "preserialized", "gzip"})
  public String step;
  @Param({"cumulative", "alone"})
  public String mode;
  @Param({"16", "1024"})
  public int size;

  private Server server;
  private ManagedChannel channel;
  private LadderGrpc.LadderStub stub;
  private LadderRequest request;

  @Setup(Level.Trial)
  public void start() throws Exception {
    Tuning tuning = Tuning.of(step, mode.equals("cumulative"));
    var serverBuilder = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
        .addService(LadderService.definition(tuning.preSerialized()));
    if (tuning.directExecutor()) {
      serverBuilder.directExecutor();
    }
    server = serverBuilder.build().start();
    var channelBuilder = NettyChannelBuilder.forAddress("127.0.0.1", server.getPort())
        .usePlaintext();
    if (tuning.directExecutor()) {
      channelBuilder.directExecutor();
    }
    if (tuning.window() > 0) {
      channelBuilder.flowControlWindow(tuning.window()); // fixed: turns BDP probing off
    }
    channel = channelBuilder.build();
    stub = LadderGrpc.newStub(channel);
    request = LadderRequest.newBuilder().setCount(PerOperation.messages(size)).setSize(size)
        .setBatch(tuning.batch()).setOnReadyThreshold(tuning.onReadyThreshold())
        .setGzip(tuning.gzip()).build();
  }

  ManagedChannel channel() {
    return channel;
  }

  @TearDown(Level.Trial)
  public void stop() throws Exception {
    channel.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
    server.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
  }

  @Benchmark
  public long download(Counters counters) throws Exception {
    long payloads = download(stub, request);
    counters.add(payloads, size);
    return payloads;
  }

  /** Streams one request's payloads to an async reader; returns how many payloads came. */
  static long download(LadderGrpc.LadderStub stub, LadderRequest request) throws Exception {
    var done = new CompletableFuture<Long>();
    stub.download(request, new StreamObserver<Batch>() {
      private long payloads;

      @Override public void onNext(Batch batch) {
        payloads += batch.getItemsCount();
      }
      @Override public void onError(Throwable t) {
        done.completeExceptionally(t);
      }
      @Override public void onCompleted() {
        done.complete(payloads);
      }
    });
    return done.get(120, TimeUnit.SECONDS);
  }
}
