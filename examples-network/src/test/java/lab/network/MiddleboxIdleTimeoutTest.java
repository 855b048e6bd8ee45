package lab.network;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import lab.testing.MainProcess;
import lab.testing.Topology;
import org.junit.jupiter.api.Test;

/**
 * A box between client and server that forgets a connection after {@link #FORGETS_AFTER_S} s
 * without a packet (a stateful firewall, a NAT, a cloud load balancer's idle timeout): it
 * passes new connections and the packets of ones it remembers, and silently drops the rest.
 * The router's nftables rules are that box; its conntrack timeout is the idle timeout.
 */
class MiddleboxIdleTimeoutTest {
  static final int FORGETS_AFTER_S = 15;
  static final int IDLE_MS = 20_000; // longer than the box remembers
  static final int CALL_DEADLINE_MS = 3_000;
  static final String KEEPALIVE_MS = "10000"; // under FORGETS_AFTER_S: every ping refreshes it
  private static final Duration WITHIN = Duration.ofSeconds(120);

  static final String BOX = """
      table inet box {
        chain forward {
          type filter hook forward priority 0; policy drop;
          ct state established,related accept
          tcp flags & (syn | ack) == syn ct state new accept
        }
      }
      """;

  @Test
  void anIdleConnectionForgottenByTheBoxHangsTheNextCallUnlessKeepaliveKeepsItAndTheServerPermitsIt()
      throws Exception {
    try (Topology net = Topology.routed("box", List.of("client"),
            List.of("lenient", "strict"));
        MainProcess lenient = Scenario.server(net, "lenient", "--permit-keepalive-ms", "5000",
            "--permit-without-calls");
        MainProcess strict = Scenario.server(net, "strict")) {
      net.nft("box", BOX);
      // conntrack's sysctls exist once the rules above have loaded it into the namespace
      net.sysctl("box", "net.netfilter.nf_conntrack_tcp_timeout_established",
          "" + FORGETS_AFTER_S);
      // a packet of a forgotten connection is not taken up again as if it were new
      net.sysctl("box", "net.netfilter.nf_conntrack_tcp_loose", "0");
      String port = ":" + NetworkServer.DEFAULT_PORT;

      try (MainProcess silent = idleClient(net, net.ipv4("lenient") + port, IDLE_MS);
          MainProcess pinging = idleClient(net, net.ipv4("lenient") + port, IDLE_MS,
              "--keepalive-ms", KEEPALIVE_MS, "--keepalive-without-calls");
          MainProcess tooOften = idleClient(net, net.ipv4("strict") + port, 2 * IDLE_MS,
              "--keepalive-ms", KEEPALIVE_MS, "--keepalive-without-calls")) {
        String silentEnd = silent.await("call 2 ended (\\w+ in \\d+)", WITHIN);
        String pingingEnd = pinging.await("call 2 ended (\\w+)", WITHIN);
        String tooOftenEnd = tooOften.await("call 2 ended (\\w+)", WITHIN);

        // Without pings the box forgot the connection: the call's packets vanish, and only
        // its deadline ends it. The client never learns why.
        assertTrue(silentEnd.startsWith("DEADLINE_EXCEEDED"), silent.out());
        long waited = Long.parseLong(silentEnd.replaceAll("\\D", ""));
        assertTrue(waited >= CALL_DEADLINE_MS - 250, silent.out());
        // A ping every 10 s keeps the box's entry fresh, and this server allows it.
        assertTrue(pingingEnd.equals("OK"), pinging.out() + pinging.err());
        assertFalse(pinging.err().contains("too_many_pings"), pinging.err());
        // The default server allows a ping every 5 minutes, and none without a call: after
        // three strikes it sends GOAWAY ENHANCE_YOUR_CALM "too_many_pings". The client's next
        // call gets a new connection (and the client doubles its keepalive time).
        assertTrue(tooOften.err().contains("too_many_pings"), tooOften.err());
        assertTrue(tooOftenEnd.equals("OK"), tooOften.out() + tooOften.err());
        System.out.printf("middlebox forgets after %d s: idle %d ms, then the silent client's"
            + " call %s ms; with keepalive %s ms: %s; against the strict server: too_many_pings,"
            + " then %s%n", FORGETS_AFTER_S, IDLE_MS, silentEnd, KEEPALIVE_MS, pingingEnd,
            tooOftenEnd);
      }
    }
  }

  private static MainProcess idleClient(Topology net, String target, int idleMs,
      String... keepalive) throws Exception {
    List<String> args = new java.util.ArrayList<>(List.of("--target", target, "--mode", "idle",
        "--idle-ms", "" + idleMs, "--deadline-ms", "" + CALL_DEADLINE_MS));
    args.addAll(List.of(keepalive));
    return Scenario.client(net, "client", args.toArray(String[]::new));
  }
}
