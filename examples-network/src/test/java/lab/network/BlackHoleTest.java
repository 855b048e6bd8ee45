package lab.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import lab.testing.MainProcess;
import lab.testing.Topology;
import org.junit.jupiter.api.Test;

/**
 * A stream whose peer vanishes: on loopback a dead server answers with a reset at once; on a
 * network the packets just stop, and nothing tells the client. Three clients follow the same
 * beating stream when the link is cut: keepalive alone ends the first, a deadline the second,
 * and the third, with neither, is still waiting when the test ends.
 */
class BlackHoleTest {
  static final int KEEPALIVE_MS = 10_000; // grpc-java's floor: anything less is raised to it
  static final int KEEPALIVE_TIMEOUT_MS = 2_000;
  static final int DEADLINE_MS = 25_000;
  private static final Duration START = Duration.ofSeconds(90);

  @Test
  void aCutLinkEndsAStreamWithUnavailableOnceKeepaliveGoesUnansweredAndOnlyAtTheDeadlineWithout()
      throws Exception {
    try (Topology net = Topology.of("client", "server");
        MainProcess server = Scenario.server(net, "server")) {
      String target = net.ipv4("server") + ":" + NetworkServer.DEFAULT_PORT;
      try (MainProcess keepalive = Scenario.client(net, "client", "--target", target,
              "--keepalive-ms", "" + KEEPALIVE_MS, "--keepalive-timeout-ms",
              "" + KEEPALIVE_TIMEOUT_MS);
          MainProcess deadline = Scenario.client(net, "client", "--target", target,
              "--deadline-ms", "" + DEADLINE_MS);
          MainProcess neither = Scenario.client(net, "client", "--target", target)) {
        for (MainProcess client : new MainProcess[] {keepalive, deadline, neither}) {
          client.await("beat 3 from server", START);
        }

        net.cut("client", "server");

        Scenario.Ended byKeepalive = Scenario.ended(keepalive, START);
        assertFalse(deadline.out().contains("ended"),
            "the deadline client must still wait when keepalive has noticed:\n" + deadline.out());
        Scenario.Ended byDeadline = Scenario.ended(deadline, START);

        assertEquals("UNAVAILABLE", byKeepalive.code(), keepalive.out());
        // The ping goes out after KEEPALIVE_MS without a byte read, and the client gives up
        // KEEPALIVE_TIMEOUT_MS later: never sooner, whatever the machine's load.
        assertTrue(byKeepalive.msAfterLastBeat() >= KEEPALIVE_MS + KEEPALIVE_TIMEOUT_MS - 250,
            keepalive.out());
        assertEquals("DEADLINE_EXCEEDED", byDeadline.code(), deadline.out());
        assertTrue(byDeadline.atMs() >= DEADLINE_MS - 250, deadline.out());
        assertFalse(neither.out().contains("ended"),
            "with neither keepalive nor a deadline nothing ends the call:\n" + neither.out());
        System.out.printf("black hole: keepalive %d+%d ms ended the stream %d ms after the last"
            + " beat; the deadline (%d ms) at +%d ms; the third client still waits%n",
            KEEPALIVE_MS, KEEPALIVE_TIMEOUT_MS, byKeepalive.msAfterLastBeat(), DEADLINE_MS,
            byDeadline.atMs());
      }
    }
  }
}
