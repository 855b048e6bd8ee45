package lab.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.ServerInterceptors;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
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
 * call in flight and no thread left of those started since it began.
 */
class VanishingClientsTest {
  private static final Duration WAIT = Duration.ofSeconds(30);

  @RegisterExtension
  final GrpcCleanupExtension grpc = new GrpcCleanupExtension();

  @Test
  void stuckClientsThatVanishWithATcpResetLeaveNothingBehind() throws Exception {
    Set<Thread> threadsBefore = Thread.getAllStackTraces().keySet();
    VideoStore store = new VideoStore();
    for (int i = 0; i < 500; i++) {
      store.add(Video.newBuilder().setId("v" + i).setTitle("t").setUrl("u".repeat(10_000)).build());
    }
    ServerCallProbe probe = new ServerCallProbe();
    LabServer server = LabServer.onPort(0)
        .addService(ServerInterceptors.intercept(new VideoService(store), probe)).start();
    List<ManagedChannel> channels = new ArrayList<>();
    List<StreamCollector<Video>> stuck = new ArrayList<>();
    try (ResetProxy proxy = new ResetProxy(server.port())) {
      for (int c = 0; c < 10; c++) { // ten connections, each with a stuck reader and writer
        ManagedChannel channel = ManagedChannelBuilder
            .forAddress("127.0.0.1", proxy.port()).usePlaintext().build();
        channels.add(channel);
        var stub = VideoServiceGrpc.newStub(channel);
        StreamCollector<Video> list = StreamCollector.readingOnly(0);
        StreamCollector<Video> get = StreamCollector.readingOnly(0);
        stuck.add(list);
        stuck.add(get);
        stub.listVideos(ListVideosRequest.getDefaultInstance(), list);
        StreamObserver<VideoRequest> requests = stub.getVideo(get);
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
        assertTrue(call.awaitCancelled(WAIT), "the reset cancelled the client's " + call.method);
        assertEquals(0, call.sentAfterCancel(), "and its " + call.method + " wrote no more");
      }
      assertEquals(0, server.callsInFlight(), "no call left in flight");
      ManagedChannel fresh = ManagedChannelBuilder
          .forAddress("127.0.0.1", server.port()).usePlaintext().build();
      channels.add(fresh);
      assertEquals("new", VideoServiceGrpc.newBlockingStub(fresh)
          .addVideo(Video.newBuilder().setId("new").setTitle("t").build()).getVideo().getId(),
          "and serves a fresh client");
    } finally {
      // A grpc-java client keeps the replies it received but was not asked for (its reader
      // stalled) until it reads them, even after the connection is gone: reading them lets
      // the client release their buffers (Netty reports them as leaks otherwise).
      stuck.forEach(reader -> reader.request(Integer.MAX_VALUE));
      for (ManagedChannel channel : channels) {
        channel.shutdownNow();
        assertTrue(channel.awaitTermination(10, TimeUnit.SECONDS), "channel terminated");
      }
      server.shutdownGracefully(Duration.ofSeconds(5));
      assertTrue(server.server().isTerminated(), "server terminated");
    }
    // grpc-java and Netty release their shared threads about a second after the last user
    // goes: wait for each thread started since the test began to end, within one bound.
    List<Thread> started = new ArrayList<>(Thread.getAllStackTraces().keySet());
    started.removeAll(threadsBefore);
    long giveUp = System.nanoTime() + WAIT.toNanos();
    for (Thread thread : started) {
      thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(giveUp - System.nanoTime())));
    }
    List<String> left = started.stream().filter(Thread::isAlive).map(Thread::getName).toList();
    System.out.printf("20 stuck calls on 10 reset connections all ended; %d threads started"
        + " meanwhile, %d left: %s%n", started.size(), left.size(), left);
    assertEquals(List.of(), left, "every thread the test started has ended");
  }
}
