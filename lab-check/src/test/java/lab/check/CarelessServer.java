package lab.check;

import io.grpc.Context;
import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.protobuf.services.ProtoReflectionServiceV1;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import lab.proto.video.AddVideoResponse;
import lab.proto.video.ListVideosRequest;
import lab.proto.video.Video;
import lab.proto.video.VideoRequest;
import lab.proto.video.VideoServiceGrpc;

/**
 * The video contract served with every mistake the lab teaches against, on purpose, so each
 * check is seen to fail: grpc-java's defaults and no more (no limits on streams, resets or
 * SETTINGS; messages of any size), parse failures left to grpc-java (UNKNOWN), no health, a
 * handler that blocks its thread until the client reads (on a pool of two), one that echoes
 * without flow control, one that gathers without bound. Reflection is on, so the checker
 * finds the methods.
 */
final class CarelessServer extends VideoServiceGrpc.VideoServiceImplBase implements AutoCloseable {
  private final CountDownLatch release = new CountDownLatch(1);
  private final ExecutorService pool = Executors.newFixedThreadPool(2);
  private final Server server;

  CarelessServer() throws IOException {
    server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
        .executor(pool)
        .maxInboundMessageSize(Integer.MAX_VALUE)
        .maxInboundMetadataSize(1024 * 1024)
        .addService(this)
        .addService(ProtoReflectionServiceV1.newInstance())
        .build().start();
  }

  int port() {
    return server.getPort();
  }

  /**
   * Blocks its thread until the client can take each video: two stalled readers take both.
   * It gives up when the call's context is cancelled, which on a blocked pool may be never:
   * grpc-java runs the cancellation on the same executor. So the test releases it at the end.
   */
  @Override
  public void listVideos(ListVideosRequest request, StreamObserver<Video> reply) {
    var call = (ServerCallStreamObserver<Video>) reply;
    Context context = Context.current();
    try {
      for (int i = 0; i < 1_000; i++) {
        while (!call.isReady()) {
          if (context.isCancelled() || release.await(20, TimeUnit.MILLISECONDS)) {
            return;
          }
        }
        reply.onNext(Video.newBuilder().setId("v" + i).setTitle("x".repeat(1_000)).build());
      }
      reply.onCompleted();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Takes anything: a 16 MiB message of unknown fields is a video without an id. */
  @Override
  public void addVideo(Video video, StreamObserver<AddVideoResponse> reply) {
    reply.onNext(AddVideoResponse.newBuilder().setVideo(video).build());
    reply.onCompleted();
  }

  /** Gathers every request, however many, before answering. */
  @Override
  public StreamObserver<VideoRequest> getVideos(StreamObserver<Video> reply) {
    List<String> ids = new ArrayList<>();
    return new StreamObserver<>() {
      @Override
      public void onNext(VideoRequest request) {
        ids.add(request.getId());
      }

      @Override
      public void onError(Throwable t) { }

      @Override
      public void onCompleted() {
        ids.forEach(id -> reply.onNext(Video.newBuilder().setId(id).build()));
        reply.onCompleted();
      }
    };
  }

  /** Answers each request at once, whether or not the client reads the answers. */
  @Override
  public StreamObserver<VideoRequest> getVideo(StreamObserver<Video> reply) {
    return new StreamObserver<>() {
      @Override
      public void onNext(VideoRequest request) {
        reply.onNext(Video.newBuilder().setId(request.getId()).setTitle("x".repeat(1_000))
            .build());
      }

      @Override
      public void onError(Throwable t) { }

      @Override
      public void onCompleted() {
        reply.onCompleted();
      }
    };
  }

  @Override
  public void close() throws InterruptedException {
    release.countDown();
    server.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
    pool.shutdownNow();
    pool.awaitTermination(10, TimeUnit.SECONDS);
  }
}
