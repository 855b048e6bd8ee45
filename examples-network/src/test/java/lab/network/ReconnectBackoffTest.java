package lab.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import lab.testing.MainProcess;
import lab.testing.Topology;
import org.junit.jupiter.api.Test;

/**
 * A server host that refuses connections for a while (each attempt answered with a reset, as
 * a host whose server is down or whose firewall rejects): the channel retries on gRPC's connection backoff (1 s, then ×1.6 each
 * time, ±20 % jitter, at most 120 s), counted on the wire. Plain calls fail fast with
 * UNAVAILABLE meanwhile; a wait-for-ready call waits, and succeeds on the first attempt after
 * the network heals.
 */
class ReconnectBackoffTest {
  static final int ATTEMPTS = 5;
  static final int SLACK_MS = 250;
  private static final Pattern PLAIN = Pattern.compile("\\+(\\d+) ms plain call \\d+ ended (\\w+) in (\\d+) ms");

  @Test
  void attemptsAgainstARefusingHostFollowTheBackoffAndAWaitForReadyCallSucceedsOnceItAccepts()
      throws Exception {
    try (Topology net = Topology.of("client", "server");
        MainProcess server = Scenario.server(net, "server")) {
      String c = net.ipv4("client");
      String s = net.ipv4("server");
      // the wire: every SYN from client to server is traced on the segment
      net.nft(Topology.SEGMENT, """
          table bridge wire {
            chain syns {
              type filter hook forward priority 0;
              ip saddr %s ip daddr %s tcp flags & (syn | ack) == syn meta nftrace set 1
            }
          }
          """.formatted(c, s));
      // the server's host refuses the client's connections: a reset for each SYN
      net.nft("server", """
          table inet refuse {
            chain in {
              type filter hook input priority 0;
              ip saddr %s tcp dport %d reject with tcp reset
            }
          }
          """.formatted(c, NetworkServer.DEFAULT_PORT));
      try (SynTrace trace = new SynTrace(net, Topology.SEGMENT);
          MainProcess client = Scenario.client(net, "client", "--target",
              s + ":" + NetworkServer.DEFAULT_PORT, "--mode", "ready", "--deadline-ms", "120000",
              "--interval-ms", "1000")) {
        List<Long> attempts = trace.awaitAttempts(ATTEMPTS, 120_000);
        assertFalse(client.out().contains("wait-for-ready call ended"), client.out());
        net.run("server", "nft", "delete", "table", "inet", "refuse");
        long healedAt = trace.sinceStartMs(); // "healed": the host accepts again
        client.await("wait-for-ready call ended (OK)", Duration.ofSeconds(120));
        long okAt = trace.sinceStartMs();

        // Backoff counts from the start of an attempt (gRPC's connection-backoff spec), and the
        // first attempt's SYN leaves late, after Netty's one-time start-up: the first wait on
        // the wire is short by that much, so the schedule is read from the second wait on.
        // Each is at least 80 % of 1 s × 1.6^(n-1) (jitter takes up to 20 % off; a loaded
        // machine mostly adds, but a late SYN can shorten the next wait: SLACK_MS): 1.28,
        // 2.05, 3.28 s. Without backoff a client would retry as fast as resets come back.
        List<Long> gaps = new ArrayList<>();
        for (int i = 1; i < attempts.size(); i++) {
          long gap = attempts.get(i) - attempts.get(i - 1);
          gaps.add(gap);
          double floor = 0.8 * 1000 * Math.pow(1.6, i - 1);
          assertTrue(i == 1 || gap >= floor - SLACK_MS, "wait " + i + " was " + gap
              + " ms, under " + floor + ": " + attempts);
        }
        // and they grow: 1.6² = 2.56 times from the second wait to the fourth, at least 1.7
        // with the worst jitter
        assertTrue(gaps.get(gaps.size() - 1) >= 1.5 * gaps.get(1) - SLACK_MS, "waits grow: " + gaps);
        // Every plain call made while refused failed fast: UNAVAILABLE, long before
        // its 10 s deadline; none waited for the network.
        List<String> plain = new ArrayList<>();
        Matcher m = PLAIN.matcher(client.out());
        while (m.find()) {
          plain.add(m.group(2) + " in " + m.group(3) + " ms");
          if (m.group(2).equals("UNAVAILABLE")) {
            assertTrue(Long.parseLong(m.group(3)) < NetworkClient.PLAIN_CALL_DEADLINE_MS / 2,
                client.out());
          } else {
            assertEquals("OK", m.group(2), client.out()); // only once the network is back
          }
        }
        assertTrue(plain.stream().filter(p -> p.startsWith("UNAVAILABLE")).count() >= 3,
            client.out());
        System.out.printf("backoff: attempts at %s ms (waits %s ms); healed at %d ms, the"
            + " wait-for-ready call ended OK %d ms later; %d SYNs; plain calls: %s%n", attempts,
            gaps, healedAt, okAt - healedAt, trace.syns(), plain);
      }
    }
  }
}
