package lab.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.ServerInterceptors;
import io.grpc.stub.StreamObserver;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import lab.common.LabServer;
import lab.proto.video.ListVideosRequest;
import lab.proto.video.Video;
import lab.proto.video.VideoRequest;
import lab.proto.video.VideoServiceGrpc;
import lab.services.VideoService;
import lab.services.VideoStore;
import lab.testing.GrpcCleanupExtension;
import lab.testing.ServerCallProbe;
import lab.testing.StreamCollector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Clients stuck mid-stream that then vanish without a word (TCP reset, no GOAWAY): the server
 * notices, ends every one of their calls, keeps serving everyone else, and is left with no
 * call in flight and no thread more than it started with.
 */
class VanishingClientsTest {
  private static final Duration WAIT = Duration.ofSeconds(30);
  /** Threads the JVM may start on its own meanwhile (e.g. a GC or JIT helper). */
  private static final int SPARE_THREADS = 2;

  @RegisterExtension
  final GrpcCleanupExtension grpc = new GrpcCleanupExtension();

  @Test
  void stuckClientsThatVanishWithATcpResetLeaveNothingBehind() throws Exception {
    int threadsBefore = ManagementFactory.getThreadMXBean().getThreadCount();
    VideoStore store = new VideoStore();
    for (int i = 0; i < 500; i++) {
      store.add(Video.newBuilder().setId("v" + i).setTitle("t").setUrl("u".repeat(10_000)).build());
    }
    ServerCallProbe probe = new ServerCallProbe();
    LabServer server = LabServer.onPort(0)
        .addService(ServerInterceptors.intercept(new VideoService(store), probe)).start();
    List<ManagedChannel> channels = new ArrayList<>();
    try (ResetProxy proxy = new ResetProxy(server.port())) {
      for (int c = 0; c < 10; c++) { // ten connections, each with a stuck reader and writer
        ManagedChannel channel = ManagedChannelBuilder
            .forAddress("127.0.0.1", proxy.port()).usePlaintext().build();
        channels.add(channel);
        var stub = VideoServiceGrpc.newStub(channel);
        stub.listVideos(ListVideosRequest.getDefaultInstance(), StreamCollector.readingOnly(0));
        StreamObserver<VideoRequest> requests = stub.getVideo(StreamCollector.readingOnly(0));
        for (int i = 0; i < 1_000; i++) {
          requests.onNext(VideoRequest.newBuilder().setId("v1").build());
        }
        // these clients never say goodbye: their connections are reset below
      }
      for (int i = 0; i < 20; i++) {
        assertTrue(probe.nextCall(WAIT).awaitPause(WAIT), "every call is stuck on its reader");
      }
      assertEquals(20, server.callsInFlight());

      proxy.resetAll();

      for (ServerCallProbe.Call call : probe.calls()) {
        assertTrue(call.awaitEnd(WAIT), "the server ended the vanished client's " + call.method);
      }
      assertEquals(0, server.callsInFlight(), "no call left in flight");
      ManagedChannel fresh = ManagedChannelBuilder
          .forAddress("127.0.0.1", server.port()).usePlaintext().build();
      channels.add(fresh);
      assertEquals("new", VideoServiceGrpc.newBlockingStub(fresh)
          .addVideo(Video.newBuilder().setId("new").setTitle("t").build()).getVideo().getId(),
          "and serves a fresh client");
    } finally {
      for (ManagedChannel channel : channels) {
        channel.shutdownNow();
        assertTrue(channel.awaitTermination(10, TimeUnit.SECONDS), "channel terminated");
      }
      server.shutdownGracefully(Duration.ofSeconds(5));
      assertTrue(server.server().isTerminated(), "server terminated");
    }
    // grpc-java and Netty release their shared threads a moment after the last user goes.
    int threadsAfter = Integer.MAX_VALUE;
    long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < giveUp
        && (threadsAfter = ManagementFactory.getThreadMXBean().getThreadCount())
            > threadsBefore + SPARE_THREADS) {
      Thread.onSpinWait();
    }
    System.out.printf("20 stuck calls on 10 reset connections all ended; live threads %d before,"
        + " %d after%n", threadsBefore, threadsAfter);
    assertTrue(threadsAfter <= threadsBefore + SPARE_THREADS, threadsAfter + " threads left");
  }
}
