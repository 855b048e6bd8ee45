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
 * network the packets just stop, and nothing tells the client. Clients follow the same beating
 * stream when the link is cut: keepalive alone ends the first, a deadline the second; the
 * third, with neither, is still waiting when the test ends; the fourth, on a host whose TCP
 * keepalive is tuned down from Linux's 2 h 11 min, shows the bound the third one has.
 */
class BlackHoleTest {
  static final int KEEPALIVE_MS = 10_000; // grpc-java's floor: anything less is raised to it
  static final int KEEPALIVE_TIMEOUT_MS = 2_000;
  static final int DEADLINE_MS = 25_000;
  static final int TCP_IDLE_S = 15;
  static final int TCP_INTERVAL_S = 2;
  static final int TCP_PROBES = 3;
  private static final Duration START = Duration.ofSeconds(90);

  @Test
  void aCutLinkEndsAStreamWithUnavailableOnceKeepaliveGoesUnansweredAndOnlyAtTheDeadlineWithout()
      throws Exception {
    try (Topology net = Topology.of("client", "server", "tuned");
        MainProcess server = Scenario.server(net, "server")) {
      String target = net.ipv4("server") + ":" + NetworkServer.DEFAULT_PORT;
      // gRPC turns the kernel's TCP keepalive on for its sockets: with neither keepalive nor
      // a deadline, that is the only bound. Linux's defaults make it 2 h 11 min; the "tuned"
      // host (sysctls are each namespace's own) has it at TCP_IDLE_S + TCP_PROBES probes.
      assertEquals("7200", net.run("client", "cat",
          "/proc/sys/net/ipv4/tcp_keepalive_time").trim(), "Linux's default: 2 hours idle");
      net.sysctl("tuned", "net.ipv4.tcp_keepalive_time", "" + TCP_IDLE_S);
      net.sysctl("tuned", "net.ipv4.tcp_keepalive_intvl", "" + TCP_INTERVAL_S);
      net.sysctl("tuned", "net.ipv4.tcp_keepalive_probes", "" + TCP_PROBES);
      try (MainProcess keepalive = Scenario.client(net, "client", "--target", target,
              "--keepalive-ms", "" + KEEPALIVE_MS, "--keepalive-timeout-ms",
              "" + KEEPALIVE_TIMEOUT_MS);
          MainProcess deadline = Scenario.client(net, "client", "--target", target,
              "--deadline-ms", "" + DEADLINE_MS);
          MainProcess neither = Scenario.client(net, "client", "--target", target);
          MainProcess byTcp = Scenario.client(net, "tuned", "--target", target)) {
        for (MainProcess client : new MainProcess[] {keepalive, deadline, neither, byTcp}) {
          client.await("beat 3 from server", START);
        }

        net.cut("client", "server");
        net.cut("tuned", "server");

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
        Scenario.Ended byTcpKeepalive = Scenario.ended(byTcp, START);
        assertEquals("UNAVAILABLE", byTcpKeepalive.code(), byTcp.out());
        assertTrue(byTcpKeepalive.msAfterLastBeat()
            >= 1000L * (TCP_IDLE_S + TCP_PROBES * TCP_INTERVAL_S) - 250, byTcp.out());
        System.out.printf("black hole: keepalive %d+%d ms ended the stream %d ms after the last"
            + " beat; the deadline (%d ms) at +%d ms; the third client still waits; TCP"
            + " keepalive at %d s + %d x %d s ended the fourth %d ms after its last beat%n",
            KEEPALIVE_MS, KEEPALIVE_TIMEOUT_MS, byKeepalive.msAfterLastBeat(), DEADLINE_MS,
            byDeadline.atMs(), TCP_IDLE_S, TCP_PROBES, TCP_INTERVAL_S,
            byTcpKeepalive.msAfterLastBeat());
      }
    }
  }
}
