package lab.services;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import lab.common.LabServer;
import lab.proto.video.ListVideosRequest;
import lab.proto.video.Video;
import lab.proto.video.VideoServiceGrpc;
import lab.testing.GrpcCleanupExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The video lab's server, as the streaming lesson's main and the benchmarks start it. */
class VideoLabTest {
  @RegisterExtension
  final GrpcCleanupExtension grpc = new GrpcCleanupExtension();

  @Test
  void itsHandlersRunOnTheTransportsOwnThreadsNotOnAPool() throws Exception {
    CompletableFuture<String> handlerThread = new CompletableFuture<>();
    ServerInterceptor recordThread = new ServerInterceptor() {
      @Override
      public <Q, A> ServerCall.Listener<Q> interceptCall(ServerCall<Q, A> call, Metadata headers,
          ServerCallHandler<Q, A> next) {
        handlerThread.complete(Thread.currentThread().getName());
        return next.startCall(call, headers);
      }
    };
    VideoStore store = new VideoStore();
    store.add(Video.newBuilder().setId("1").setTitle("t").build());
    LabServer server = VideoLab.onPort(0, store).intercept(recordThread).start();
    grpc.register(server.server());
    ManagedChannel channel = grpc.register(
        NettyChannelBuilder.forAddress("127.0.0.1", server.port()).usePlaintext().build());

    Video added = VideoServiceGrpc.newBlockingStub(channel)
        .withDeadlineAfter(30, TimeUnit.SECONDS)
        .addVideo(Video.newBuilder().setId("2").setTitle("two").build()).getVideo();

    assertEquals("2", added.getId());
    String thread = handlerThread.get(30, TimeUnit.SECONDS);
    // directExecutor: the call starts on the Netty event loop that read it ("lab-io", named
    // by LabServer), not on grpc's default pool ("grpc-default-executor-N").
    assertTrue(thread.startsWith("lab-io"), thread);
  }

  @Test
  void startServesTheStoreItIsGivenOnAFreeLoopbackPort() throws Exception {
    VideoStore store = new VideoStore();
    store.add(Video.newBuilder().setId("7").setTitle("seven").build());
    int port = grpc.register(VideoLab.start(0, store).server()).getPort();
    ManagedChannel channel = grpc.register(
        NettyChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build());

    var videos = VideoServiceGrpc.newBlockingStub(channel).withDeadlineAfter(30, TimeUnit.SECONDS)
        .listVideos(ListVideosRequest.getDefaultInstance());

    assertEquals("7", videos.next().getId());
    assertFalse(videos.hasNext(), "exactly the one stored video");
  }
}
