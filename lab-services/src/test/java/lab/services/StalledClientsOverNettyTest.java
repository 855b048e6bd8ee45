package lab.services;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import lab.common.LabServer;
import lab.proto.video.ListVideosRequest;
import lab.proto.video.Video;
import lab.proto.video.VideoRequest;
import lab.proto.video.VideoServiceGrpc;
import lab.testing.GrpcCleanupExtension;
import lab.testing.MemoryMeter;
import lab.testing.ServerCallProbe;
import lab.testing.StreamCollector;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Clients that stop reading, or give up, over real connections: the video service's memory
 * stays bounded, it keeps serving everyone else, and abandoned calls stop at once. Without
 * flow control each of these took the server to gigabytes (issue 10 measured 6 to 9 GB).
 */
class StalledClientsOverNettyTest {
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final int VIDEOS = 2_000;
  private static final int VIDEO_BYTES = 100 * 1024; // 2,000 x 100 KiB: a 200 MB store
  /** Stated bound on what 20 stalled readers (or a request flood) may cost; measured ~10-40 MiB. */
  private static final long BOUND = 256L << 20;
  /** Deadline calls that must reach the server for the deadline test to prove anything. */
  private static final int MIN_REACHED = 10;
  private static VideoStore store;

  @RegisterExtension
  final GrpcCleanupExtension grpc = new GrpcCleanupExtension();
  private final ServerCallProbe probe = new ServerCallProbe();
  private int port;

  @BeforeAll
  static void fillTheStore() {
    store = Videos.storeOf(VIDEOS, VIDEO_BYTES);
  }

  @BeforeEach
  void startServer() throws Exception {
    // as the video lab serves it: handlers on the transport threads
    LabServer server = VideoLab.onPort(0, store).intercept(probe).start();
    grpc.register(server.server());
    port = server.port();
  }

  private VideoServiceGrpc.VideoServiceStub newClient() {
    ManagedChannel channel = grpc.register(
        ManagedChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build());
    return VideoServiceGrpc.newStub(channel);
  }

  @Test
  void twentyListVideosReadersThatReadNothingCostAWindowEachNotTheStore() throws Exception {
    long before = MemoryMeter.usedBytes();
    List<StreamCollector<Video>> readers = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      StreamCollector<Video> reader = StreamCollector.readingOnly(0);
      newClient().listVideos(ListVideosRequest.getDefaultInstance(), reader);
      readers.add(reader);
    }
    for (int i = 0; i < 20; i++) {
      assertTrue(probe.nextCall(WAIT).awaitPause(WAIT), "every producer paused");
    }
    long cost = MemoryMeter.usedBytes() - before;
    int sent = probe.totalSent();
    System.out.printf("20 stalled ListVideos readers on a %s store: %s more memory, %d of %d"
        + " videos written%n", MemoryMeter.mib((long) VIDEOS * VIDEO_BYTES), MemoryMeter.mib(cost),
        sent, 20 * VIDEOS);

    assertTrue(cost < BOUND, "cost " + MemoryMeter.mib(cost) + " over " + MemoryMeter.mib(BOUND));
    assertTrue(sent < 20 * VIDEOS / 10, "written only what the windows hold: " + sent);
    assertServesOthers();
    readers.forEach(r -> r.cancel("gone"));
    for (ServerCallProbe.Call call : probe.calls().subList(0, 20)) {
      assertCancelledAndStopped(call, "each stalled call, when its reader goes");
    }
  }

  @Test
  void clientsThatSendThousandsOfRequestsAndReadNothingAreNoLongerRead() throws Exception {
    long before = MemoryMeter.usedBytes();
    StreamCollector<Video> pingPong = StreamCollector.readingOnly(0);
    StreamObserver<VideoRequest> pings = newClient().getVideo(pingPong);
    StreamCollector<Video> gather = StreamCollector.readingOnly(0);
    StreamObserver<VideoRequest> gathered = newClient().getVideos(gather);
    VideoRequest one = VideoRequest.newBuilder().setId("7").build();
    for (int i = 0; i < 5_000; i++) {
      pings.onNext(one);
    }
    for (int i = 0; i < VideoService.MAX_GATHER; i++) {
      gathered.onNext(one); // 1,000 x 100 KiB = 100 MB of replies asked for
    }
    gathered.onCompleted();
    // Two channels: either call may reach the server first, so tell them apart by method.
    probe.nextCall(WAIT);
    probe.nextCall(WAIT);
    ServerCallProbe.Call pingCall = byMethod("GetVideo");
    ServerCallProbe.Call gatherCall = byMethod("GetVideos");
    assertTrue(pingCall.awaitPause(WAIT) && gatherCall.awaitPause(WAIT));

    long cost = MemoryMeter.usedBytes() - before;
    System.out.printf("GetVideo: %d of 5000 requests read; GetVideos: %d of 1000 replies"
        + " written; %s more memory%n", pingCall.received.get(), gatherCall.sent.get(),
        MemoryMeter.mib(cost));
    assertTrue(pingCall.received.get() < 500, "read " + pingCall.received.get());
    assertTrue(gatherCall.sent.get() < 500, "wrote " + gatherCall.sent.get());
    assertTrue(cost < BOUND, "cost " + MemoryMeter.mib(cost));
    assertServesOthers();
    pingPong.cancel("gone");
    gather.cancel("gone");
    assertCancelledAndStopped(pingCall, "GetVideo");
    assertCancelledAndStopped(gatherCall, "GetVideos");
  }

  @Test
  void callsThatPassTheirDeadlineMidStreamStopTheServersWorkAtOnce() throws Exception {
    var client = newClient();
    client.addVideo(Videos.sized("warm-up", 16), new StreamCollector<>()); // connect first
    ServerCallProbe.Call warmUp = probe.nextCall(WAIT);
    assertTrue(warmUp.awaitClosed(WAIT));
    assertEquals(Status.Code.OK, warmUp.closedWith().getCode());
    // A call whose 20 ms pass before its headers leave the client never reaches the server
    // (10 to 50 of 50 did, fewer under load): send rounds of 50 until enough have reached it.
    int calls = 0;
    while (probe.calls().size() - 1 < MIN_REACHED && calls < 20 * 50) {
      List<StreamCollector<Video>> readers = new ArrayList<>();
      for (int i = 0; i < 50; i++, calls++) {
        StreamCollector<Video> reader = new StreamCollector<>(); // reads as fast as it can
        client.withDeadlineAfter(20, TimeUnit.MILLISECONDS)
            .listVideos(ListVideosRequest.getDefaultInstance(), reader);
        readers.add(reader);
      }
      for (StreamCollector<Video> reader : readers) {
        assertEquals(Status.Code.DEADLINE_EXCEEDED, reader.awaitStatus(WAIT).getCode());
      }
    }
    List<ServerCallProbe.Call> all = probe.calls(); // one copy: more may still arrive
    List<ServerCallProbe.Call> reached = all.subList(1, all.size());
    for (ServerCallProbe.Call call : reached) {
      assertCancelledAndStopped(call, "every call that reached the server, at its deadline");
    }
    int sent = reached.stream().mapToInt(c -> c.sent.get()).sum();
    System.out.printf("%d ListVideos calls with 20 ms deadlines: %d reached the server, %d of"
        + " %d videos written%n", calls, reached.size(), sent, reached.size() * VIDEOS);
    assertTrue(reached.size() >= MIN_REACHED, reached.size() + " of " + calls + " reached it");
    assertTrue(sent < reached.size() * VIDEOS / 4, "stopped at the deadline, not at the end: " + sent);
    assertServesOthers();
  }

  /** The transport cancelled the call (the service cannot end it for us) and it wrote no more. */
  private static void assertCancelledAndStopped(ServerCallProbe.Call call, String which)
      throws InterruptedException {
    assertTrue(call.awaitCancelled(WAIT), which + ": cancelled on the server");
    assertEquals(0, call.sentAfterCancel(), which + ": nothing written after the cancel");
  }

  private ServerCallProbe.Call byMethod(String method) {
    return probe.calls().stream().filter(c -> c.method.equals(method)).findFirst().orElseThrow();
  }

  /** A fresh client gets an answer while the others are stalled or gone. */
  private void assertServesOthers() throws Exception {
    StreamCollector<Video> reply = new StreamCollector<>();
    StreamObserver<VideoRequest> ask = newClient().withDeadlineAfter(30, TimeUnit.SECONDS)
        .getVideo(reply);
    ask.onNext(VideoRequest.newBuilder().setId("42").build());
    ask.onCompleted();
    assertEquals("42", reply.awaitReplies(WAIT).get(0).getId());
  }
}
