package lab.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import lab.common.LabServer;
import lab.services.VideoService;
import lab.testing.GrpcCleanupExtension;
import lab.testing.RawH2;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Reset floods (CVE-2023-44487 "Rapid Reset", CVE-2025-8671 "MadeYouReset"): a stream that is
 * opened and reset at once costs the client two small frames and the server a call set up and
 * torn down. With no limit, one connection keeps a server's event loop busy for as long as it
 * likes. LabServer counts the resets on each connection, sent and received, and ends a
 * connection that passes {@code ConnectionLimits.maxResetsPerWindow} with GOAWAY
 * ENHANCE_YOUR_CALM. A good client on its own connection is served throughout.
 */
class ResetFloodTest {
  private static final String LIST = "/video_service.VideoService/ListVideos";
  /** How long an attack may go on before the test calls it unlimited. */
  private static final Duration ATTACK_BOUND = Duration.ofSeconds(10);

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
  void aClientThatOpensAndResetsStreamsAsFastAsItCanIsSentGoAwayWhileAGoodClientIsServed()
      throws Exception {
    Attack attack = attack((h2, stream) -> h2.reset(stream, RawH2.CANCEL));
    assertGoAwayAndGoodClientServed(attack);
  }

  @Test
  void aClientThatMakesTheServerResetEveryStreamIsSentGoAwayWhileAGoodClientIsServed()
      throws Exception {
    // A WINDOW_UPDATE of 0 on a stream is a stream error: the server itself sends the reset.
    Attack attack = attack((h2, stream) -> h2.windowUpdate(stream, 0));
    assertGoAwayAndGoodClientServed(attack);
  }

  private void assertGoAwayAndGoodClientServed(Attack attack) throws Exception {
    GoodClient.Served served = good.stop();
    assertEquals(RawH2.ENHANCE_YOUR_CALM, attack.goAwayCode,
        "GOAWAY ENHANCE_YOUR_CALM after " + attack.streams + " streams in " + attack.tookMs
            + " ms (-1: none within " + ATTACK_BOUND.toSeconds() + " s)");
    // How many streams the attacker wrote says little (most sit unread in socket buffers
    // when the GOAWAY comes); the GOAWAY itself is the proof: without the limit none comes.
    assertEquals(0, served.failed(), served.toString());
    assertTrue(served.calls() > 0, served.toString());
    // the server still serves new calls once the attacker is gone
    good.callOnce();
  }

  private interface PerStream {
    void abuse(RawH2 h2, int stream) throws IOException;
  }

  private record Attack(int streams, long tookMs, long goAwayCode) {}

  /** Opens ListVideos streams and abuses each until the server ends the connection. */
  private Attack attack(PerStream perStream) throws Exception {
    good.callOnce(); // the good client is connected and warm before the attack starts
    good.start();
    long start = System.nanoTime();
    long giveUp = start + ATTACK_BOUND.toNanos();
    int streams = 0;
    try (RawH2 h2 = RawH2.connect(server.port(), Map.of())) {
      try {
        while (!h2.goAway().isDone() && System.nanoTime() < giveUp) {
          int stream = h2.openGrpcStream(LIST, false);
          perStream.abuse(h2, stream);
          if (++streams % 50 == 0) {
            h2.flush();
          }
        }
        h2.flush();
      } catch (IOException closedByServer) {
        // the server closed the connection while frames were still being written
      }
      long code = -1;
      try {
        code = h2.goAway().get(5, TimeUnit.SECONDS);
      } catch (java.util.concurrent.TimeoutException unlimited) {
        // no GOAWAY: the assertion reports it
      }
      long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
      System.out.printf("%d streams, GOAWAY %d after %d ms%n", streams, code, tookMs);
      return new Attack(streams, tookMs, code);
    }
  }
}
