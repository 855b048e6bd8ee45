package lab.check;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import lab.common.LabServer;
import lab.proto.video.Video;
import lab.services.VideoLab;
import lab.services.VideoStore;
import lab.testing.GrpcCleanupExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The raw client against a real server: frames out as written, answers sorted by stream. */
class H2ConnectionTest {
  private static final Duration BOUND = Duration.ofSeconds(10);
  @RegisterExtension
  final GrpcCleanupExtension grpc = new GrpcCleanupExtension();
  private Target target;

  @BeforeEach
  void start() throws Exception {
    VideoStore store = new VideoStore();
    for (int i = 0; i < 100; i++) {
      store.add(Video.newBuilder().setId("v" + i).setTitle("t".repeat(1_000)).build());
    }
    LabServer server = VideoLab.start(0, store);
    grpc.register(server.server());
    target = Target.plaintext("127.0.0.1", server.port());
  }

  @Test
  void aCallGetsItsHeadersItsMessageAndItsTrailersDecoded() throws Exception {
    try (H2Connection h2 = target.h2()) {
      assertEquals(100L, h2.settings().get(10, TimeUnit.SECONDS)
          .get(H2Connection.MAX_CONCURRENT_STREAMS));
      H2Stream s = h2.open(target.grpcHeaders(Probe.HEALTH_CHECK), false);
      h2.data(s, Payloads.message(new byte[0], false), true);
      Probe.awaitEnd(s);
      assertTrue(s.answered());
      assertEquals(200, s.httpStatus());
      assertEquals(0, s.grpcStatus());
      assertArrayEquals(Payloads.message(new byte[] {8, 1}, false), s.body()); // SERVING
      assertEquals(H2Stream.NOT_RESET, s.resetCode());
      assertEquals("OK (0)", s.describe());
    }
  }

  @Test
  void aHeaderBlockOverOneFrameGoesOnInContinuationsAndIsReadWhole() throws Exception {
    try (CarelessServer careless = new CarelessServer(); // takes 1 MiB of metadata
        H2Connection h2 = Target.plaintext("127.0.0.1", careless.port()).h2()) {
      // 20 KiB in one header: over a 16 KiB frame, so HEADERS then a CONTINUATION.
      H2Stream s = h2.open(target.grpcHeaders("/video_service.VideoService/AddVideo")
          .add("x-big", "b".repeat(20_000)), false);
      h2.data(s, Payloads.message(new byte[0], false), true);
      Probe.awaitEnd(s);
      assertEquals("OK (0)", s.describe());
      assertFalse(h2.goAway().isDone());
    }
  }

  @Test
  void aReaderThatGrantsNoWindowGetsHeadersButNoData() throws Exception {
    try (H2Connection h2 = H2Connection.start(target.socket(),
        Map.of(H2Connection.INITIAL_WINDOW_SIZE, 0))) {
      h2.stopReading();
      H2Stream s = h2.open(target.grpcHeaders("/video_service.VideoService/ListVideos"), false);
      h2.data(s, Payloads.message(new byte[0], false), true);
      assertTrue(h2.await(() -> s.httpStatus() == 200, BOUND), "headers are not flow-controlled");
      assertTrue(h2.pingRoundTrip(BOUND));
      assertEquals(0, s.dataBytes());
      assertFalse(s.done().isDone());
    }
  }

  @Test
  void aWriterIsHeldToTheServersWindowOnceTheServerStopsReading() throws Exception {
    // GetVideo answers each request before reading the next; with answers that cannot be sent
    // (a window of 0) it soon stops reading, and its stream window (256 KiB) runs out.
    try (H2Connection h2 = H2Connection.start(target.socket(),
        Map.of(H2Connection.INITIAL_WINDOW_SIZE, 0))) {
      h2.stopReading();
      H2Stream s = h2.open(target.grpcHeaders("/video_service.VideoService/GetVideo"), false);
      byte[] request = new byte[16_379]; // id "v1", then a filler as an unknown field
      System.arraycopy(new byte[] {0x0a, 0x02, 'v', '1'}, 0, request, 0, 4);
      System.arraycopy(Payloads.filler(16_375), 0, request, 4, 16_375);
      byte[] frame = Payloads.message(request, false);
      int sent = 0;
      while (sent < 200 && h2.dataWhenAllowed(s, frame, Duration.ofSeconds(2))) {
        sent++;
      }
      assertTrue(sent >= 16 && sent < 200, sent + " frames of 16 KiB sent");
      assertFalse(s.done().isDone());
    }
  }

  @Test
  void streamsLeftOpenWhenTheCheckerClosesAreMarkedGivenUpNotAnswered() throws Exception {
    H2Stream s;
    try (H2Connection h2 = target.h2()) {
      s = h2.open(target.grpcHeaders(Probe.HEALTH_WATCH), false); // no request: no answer
    }
    s.done().get(10, TimeUnit.SECONDS);
    assertEquals(H2Stream.GAVE_UP, s.resetCode());
    assertFalse(s.answered());
    assertEquals("no answer", s.describe());
  }

  @Test
  void aFloodOfSettingsGetsTheLabsGoAwayWithItsCode() throws Exception {
    try (H2Connection h2 = target.h2()) {
      for (int i = 0; i < 200; i++) {
        h2.emptySettings();
      }
      h2.flush();
      H2Connection.GoAway goAway = h2.goAway().get(10, TimeUnit.SECONDS);
      assertEquals(H2Connection.ENHANCE_YOUR_CALM, goAway.code());
      assertEquals("ENHANCE_YOUR_CALM", goAway.codeName());
      assertTrue(h2.received(H2Connection.SETTINGS) >= 100);
      assertTrue(h2.closed().get(10, TimeUnit.SECONDS) == null);
    }
  }
}
