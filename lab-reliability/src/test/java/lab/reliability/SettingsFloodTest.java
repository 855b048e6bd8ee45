package lab.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import lab.common.ConnectionLimits;
import lab.testing.GrpcCleanupExtension;
import lab.testing.MemoryMeter;
import lab.testing.RawH2;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A SETTINGS flood from a client that reads the acknowledgements: HTTP/2 obliges the server to
 * acknowledge each SETTINGS frame, and a client that reads them never fills the server's
 * queue of control frames (the limit Netty has), so grpc-java alone answers for as long as
 * the client likes (240,436 acknowledgements in a minute, never closed). LabServer gives each
 * connection a budget of SETTINGS frames ({@code ConnectionLimits.maxSettingsPerWindow}) and
 * ends it with GOAWAY ENHANCE_YOUR_CALM once the budget is spent; a good client on its own
 * connection is served throughout.
 */
class SettingsFloodTest {
  /** How long the flood may go on before the test calls it unlimited. */
  private static final Duration ATTACK_BOUND = Duration.ofSeconds(10);

  @RegisterExtension
  final GrpcCleanupExtension grpc = new GrpcCleanupExtension();

  @Test
  void aClientThatSendsSettingsAsFastAsItCanAndReadsTheAcksIsSentGoAwayWhileAGoodClientIsServed()
      throws Exception {
    GoodClient good = GoodClient.withVideoServer(grpc);
    good.callOnce(); // connected and warm before the attack starts
    long before = MemoryMeter.usedBytes();
    good.start();
    long start = System.nanoTime();
    long giveUp = start + ATTACK_BOUND.toNanos();
    int sent = 0;
    long code = -1;
    long acks;
    try (RawH2 h2 = RawH2.connect(good.server().port(), Map.of())) {
      sent++; // the SETTINGS frame of the connection's start
      try {
        while (!h2.goAway().isDone() && System.nanoTime() < giveUp) {
          h2.emptySettings();
          if (++sent % 10 == 0) {
            h2.flush();
          }
        }
        h2.flush();
      } catch (IOException closedByServer) {
        // the server closed the connection while frames were still being written
      }
      try {
        code = h2.goAway().get(5, TimeUnit.SECONDS);
      } catch (java.util.concurrent.TimeoutException unlimited) {
        // no GOAWAY: the assertion reports it
      }
      acks = h2.received(RawH2.SETTINGS) - 1; // all but the server's own first SETTINGS
    }
    long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    GoodClient.Served served = good.stop();
    System.out.printf("SETTINGS flood: %d sent, %d acknowledged, GOAWAY %d after %d ms; %s%n",
        sent, acks, code, tookMs, served);

    assertEquals(RawH2.ENHANCE_YOUR_CALM, code, "GOAWAY ENHANCE_YOUR_CALM after " + sent
        + " SETTINGS in " + tookMs + " ms (-1: none within " + ATTACK_BOUND.toSeconds() + " s)");
    int budget = ConnectionLimits.DEFAULT.maxSettingsPerWindow();
    assertTrue(acks <= budget, acks + " acknowledged: at most the budget, " + budget);
    assertEquals(0, served.failed(), served.toString());
    assertTrue(served.calls() > 0, served.toString());
    good.callOnce(); // and served after the attacker is gone
    assertTrue(MemoryReturns.within(before + (8L << 20), Duration.ofSeconds(30)),
        "memory back within 8 MiB of where it was");
  }
}
