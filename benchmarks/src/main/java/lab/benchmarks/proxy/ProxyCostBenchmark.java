package lab.benchmarks.proxy;

import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import lab.common.LabServer;
import lab.proto.routeguide.Feature;
import lab.proto.routeguide.Point;
import lab.proto.routeguide.RouteGuideGrpc;
import lab.proto.video.ListVideosRequest;
import lab.proto.video.Video;
import lab.proto.video.VideoServiceGrpc;
import lab.routeguide.FeatureDatabase;
import lab.services.RouteGuideStreamingService;
import lab.services.VideoLab;
import lab.services.VideoStore;
import lab.services.proxy.ProxyRegistry;
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
 * What a generic proxy (lab-services' {@link ProxyRegistry}) costs a call: the same calls to
 * the video lab's server (VideoLab, plus the route guide for a unary call) made {@code direct}
 * or {@code proxied} through a second LabServer whose only handler is the proxy. Both servers
 * and every channel are Netty on 127.0.0.1 with direct executors, as the lab advises for
 * non-blocking handlers. Sample time gives the median and p99 of one unary call, and of one
 * whole ListVideos stream of {@link #VIDEOS} videos of about 1 KiB.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ProxyCostBenchmark {
  static final int VIDEOS = 1_000;

  @Param({"direct", "proxied"})
  public String path;

  private LabServer backend;
  private ManagedChannel toBackend; // the proxy's, when proxied
  private LabServer proxy;
  private ManagedChannel channel;
  private RouteGuideGrpc.RouteGuideBlockingStub unaryStub;
  private VideoServiceGrpc.VideoServiceStub streamStub;
  private Point featureAt;

  @Setup(Level.Trial)
  public void start() throws IOException {
    FeatureDatabase map = FeatureDatabase.bundled();
    featureAt = map.all().get(0).getLocation();
    backend = VideoLab.onPort(0, videos()).addService(new RouteGuideStreamingService(map))
        .start();
    int port = backend.port();
    if (path.equals("proxied")) {
      toBackend = channelTo(backend.port());
      proxy = LabServer.onPort(0).configure(b -> b.directExecutor()
          .fallbackHandlerRegistry(new ProxyRegistry(toBackend))).start();
      port = proxy.port();
    }
    channel = channelTo(port);
    unaryStub = RouteGuideGrpc.newBlockingStub(channel);
    streamStub = VideoServiceGrpc.newStub(channel);
  }

  @TearDown(Level.Trial)
  public void stop() throws InterruptedException {
    channel.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
    if (proxy != null) {
      proxy.server().shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
      toBackend.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
    }
    backend.server().shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
  }

  /** GetFeature: one small request, one small reply. */
  @Benchmark
  public Feature unary() {
    return unaryStub.getFeature(featureAt);
  }

  /** ListVideos: one small request, then {@link #VIDEOS} replies of about 1 KiB each. */
  @Benchmark
  public long serverStream() throws Exception {
    CompletableFuture<Long> done = new CompletableFuture<>();
    streamStub.listVideos(ListVideosRequest.getDefaultInstance(), new StreamObserver<>() {
      private long received;

      @Override public void onNext(Video video) {
        received++;
      }
      @Override public void onError(Throwable t) {
        done.completeExceptionally(t);
      }
      @Override public void onCompleted() {
        done.complete(received);
      }
    });
    long received = done.get(60, TimeUnit.SECONDS);
    if (received != VIDEOS) { // a broken path must not post a fast number
      throw new IllegalStateException("streamed " + received + " of " + VIDEOS + " videos");
    }
    return received;
  }

  private static VideoStore videos() {
    VideoStore store = new VideoStore();
    for (int i = 0; i < VIDEOS; i++) {
      store.add(Video.newBuilder().setId(Integer.toString(i)).setTitle("video " + i)
          .setUrl("u".repeat(1_000)).build());
    }
    return store;
  }

  private static ManagedChannel channelTo(int port) {
    return NettyChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().directExecutor()
        .build();
  }
}
