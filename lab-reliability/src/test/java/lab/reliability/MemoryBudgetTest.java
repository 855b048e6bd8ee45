package lab.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import lab.common.LabServer;
import lab.proto.video.Video;
import lab.proto.video.VideoRequest;
import lab.proto.video.VideoServiceGrpc;
import lab.services.VideoService;
import lab.services.VideoStore;
import lab.testing.GrpcCleanupExtension;
import lab.testing.MemoryMeter;
import lab.testing.RawH2;
import lab.testing.StreamCollector;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What one hostile connection can make a lab server hold, measured (heap plus direct memory,
 * after a full collection) against the budget lab-common's ConnectionLimits states.
 */
class MemoryBudgetTest {
  private static final String GET_VIDEO = "/video_service.VideoService/GetVideo";
  private static final int FRAME = 16_384; // SETTINGS_MAX_FRAME_SIZE's default
  /** Twice the connection's 25 MiB of windows, plus room for a busy JVM's noise. */
  private static final long BUDGET_BYTES = 80L << 20;

  @RegisterExtension
  final GrpcCleanupExtension grpc = new GrpcCleanupExtension();
  private LabServer server;
  private GoodClient good;

  @BeforeEach
  void start() throws Exception {
    good = GoodClient.withVideoServer(grpc);
    server = good.server();
  }

  @Test
  void aGatherOfFourMillionCharacterIdsEndsAtTheFirstOneWithoutHalfClose() throws Exception {
    // 100 ids of 4,000,000 characters, gzipped to a few KB each: before ids were checked as
    // they arrived, the gather held all of them (400 MB) until the client half-closed.
    ManagedChannel channel = grpc.register(ManagedChannelBuilder
        .forAddress("127.0.0.1", server.port()).usePlaintext().build());
    long before = MemoryMeter.usedBytes();
    StreamCollector<Video> replies = new StreamCollector<>();
    StreamObserver<VideoRequest> requests = VideoServiceGrpc.newStub(channel)
        .withCompression("gzip").getVideos(replies);
    VideoRequest huge = VideoRequest.newBuilder().setId("x".repeat(4_000_000)).build();
    for (int i = 0; i < 100 && !replies.done().isDone(); i++) {
      requests.onNext(huge); // no half-close: the server must not wait for one
    }
    Status status = replies.awaitStatus(Duration.ofSeconds(60));
    long held = MemoryMeter.usedBytes() - before;
    System.out.printf("gather of 4,000,000-character ids: %s; held %s%n", status,
        MemoryMeter.mib(held));
    assertEquals(Status.Code.INVALID_ARGUMENT, status.getCode(), status.toString());
    assertTrue(held < 32L << 20, MemoryMeter.mib(held) + " held");
  }

  @Test
  void readersWithNoWindowOnEveryStreamTheyMayOpenPinOneLargestVideoEach() throws Exception {
    // The largest video the store takes (64 KiB; grpc-java's 4 MB message limit before:
    // 200 such readers pinned 1 GiB), 100 of them.
    VideoStore store = new VideoStore();
    int size = VideoStore.Limits.DEFAULT.maxVideoBytes();
    Video template = Video.newBuilder().setTitle("t").setUrl("u".repeat(size - 100)).build();
    for (int i = 0; i < 100; i++) {
      store.add(template.toBuilder().setId("v" + i).build());
    }
    LabServer big = LabServer.onPort(0).addService(new VideoService(store)).start();
    grpc.register(big.server());
    long before = MemoryMeter.usedBytes();
    try (RawH2 h2 = RawH2.connect(big.port(), Map.of(RawH2.INITIAL_WINDOW_SIZE, 0))) {
      long streams = h2.serverSettings().get(30, TimeUnit.SECONDS)
          .getOrDefault(RawH2.MAX_CONCURRENT_STREAMS, 400L);
      byte[] request = RawH2.grpcMessage(new byte[0]);
      for (int i = 0; i < streams; i++) {
        h2.data(h2.openGrpcStream("/video_service.VideoService/ListVideos", false), request, true);
      }
      h2.flush();
      assertTrue(h2.awaitReceived(RawH2.HEADERS, streams, Duration.ofSeconds(60)),
          "every reply has started: its first video is queued");
      long held = MemoryMeter.usedBytes() - before;
      System.out.printf("%d stalled readers of %d-byte videos: held %s%n", streams, size,
          MemoryMeter.mib(held));
      // 100 × 64 KiB = 6.4 MiB queued, about twice that with Netty's buffers around it.
      assertTrue(held < 32L << 20, MemoryMeter.mib(held) + " held");
    }
    assertTrue(MemoryReturns.within(before + (8L << 20), Duration.ofSeconds(30)),
        "memory returned after the connection closed");
  }

  @Test
  void aWriterThatNeverReadsOnEveryStreamItMayOpenCostsAtMostTheConnectionsBudget()
      throws Exception {
    good.callOnce();
    long before = MemoryMeter.usedBytes();
    // No window for replies: GetVideo's first reply never leaves, so the server stops asking
    // for requests, and what the client goes on sending waits in the stream's buffer.
    try (RawH2 h2 = RawH2.connect(server.port(), Map.of(RawH2.INITIAL_WINDOW_SIZE, 0))) {
      Map<Integer, Long> settings = h2.serverSettings().get(30, TimeUnit.SECONDS);
      long window = settings.getOrDefault(RawH2.INITIAL_WINDOW_SIZE, 65_535L);
      // 400 streams, or as many as the server allows at once: a client that opens more is
      // refused, and its next frame on a refused stream ends the connection.
      long streams = Math.min(400, settings.getOrDefault(RawH2.MAX_CONCURRENT_STREAMS, 400L));
      byte[] request = RawH2.grpcMessage(VideoRequest.newBuilder().setId("1").build()
          .toByteArray());
      byte[] filler = new byte[FRAME];
      Arrays.fill(filler, (byte) 'x');
      byte[] bigPrefix = {0, 0, 0x3f, (byte) 0xff, (byte) 0xff}; // a message of ~4 MB follows
      good.start();
      for (int i = 0; i < streams && !h2.goAway().isDone(); i++) {
        int stream = h2.openGrpcStream(GET_VIDEO, false);
        h2.data(stream, request, false);
        h2.data(stream, bigPrefix, false);
        long sent = request.length + bigPrefix.length;
        for (; sent + FRAME <= window; sent += FRAME) {
          h2.data(stream, filler, false);
        }
        h2.flush();
      }
      h2.emptySettings(); // acknowledged once the server has read everything before it
      h2.flush();
      assertTrue(h2.awaitSettingsAcks(2, Duration.ofSeconds(60)), "the server read it all");
      long held = MemoryMeter.usedBytes() - before;
      GoodClient.Served served = good.stop();
      System.out.printf("%d streams, window %d: held %s; %s%n", streams, window,
          MemoryMeter.mib(held), served);
      assertFalse(h2.goAway().isDone(), "the client kept to the windows: no protocol error");
      // The budget: 100 streams × 256 KiB = 25 MiB of unread bytes. Held, they cost about
      // twice that (Netty's buffers around them): 53–56 MiB measured. grpc-java's defaults
      // (1 MiB on every one of the 400 streams) held 892 MiB.
      assertTrue(held < BUDGET_BYTES, MemoryMeter.mib(held) + " held");
      assertEquals(0, served.failed(), served.toString());
      assertTrue(served.calls() > 0, served.toString());
    }
    // Gone with the connection: the server frees what it held.
    assertTrue(MemoryReturns.within(before + BUDGET_BYTES / 4, Duration.ofSeconds(30)),
        "memory returned after the connection closed");
  }
}
