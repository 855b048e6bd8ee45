package lab.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import lab.testing.MainProcess;
import lab.testing.Topology;
import org.junit.jupiter.api.Test;

/**
 * Three backends behind one name, served by a real DNS server: round_robin spreads calls over
 * every address the name resolves to. Then backend3 leaves DNS while it keeps running. A
 * channel does not poll DNS: it resolves again only when a connection ends (here backend3's
 * GOAWAY at its max connection age). A client whose caches allow it then drops backend3; a
 * client with the default caches (grpc-java's and the JVM's, 30 s each) reconnects to it.
 */
class DnsBalancingTest {
  static final String NAME = "video.lab";
  static final int MAX_AGE_MS = 3_000;
  /** After the change, backend3's connections are gone by then: age + 10 % jitter + 1 s grace. */
  static final int SETTLED_MS = 7_000;
  static final int WATCHED_MS = 15_000;
  static final int CALLS_BEFORE = 30;
  private static final Pattern CALL = Pattern.compile("\\+(\\d+) ms call (\\d+) ended OK from (\\w+)");
  private static final List<String> NO_CACHE =
      List.of("-Dnetworkaddress.cache.ttl=0", "-Dsun.net.inetaddr.ttl=0");

  @Test
  void roundRobinSpreadsOverTheNameAndDropsAnAddressRemovedFromDnsOnlyWhenItResolvesAgain()
      throws Exception {
    try (Topology net = Topology.of("dns", "client", "backend1", "backend2", "backend3");
        DnsServer dns = DnsServer.start(net, "dns", NAME, List.of(net.ipv4("backend1"),
            net.ipv4("backend2"), net.ipv4("backend3")));
        MainProcess b1 = Scenario.server(net, "backend1");
        MainProcess b2 = Scenario.server(net, "backend2");
        MainProcess b3 = Scenario.server(net, "backend3", "--max-connection-age-ms",
            "" + MAX_AGE_MS)) {
      net.resolver("client", net.ipv4("dns"));
      String[] flags = {"--target", "dns:///" + NAME + ":" + NetworkServer.DEFAULT_PORT,
          "--mode", "calls", "--policy", "round_robin", "--calls", "1000", "--interval-ms", "50"};
      try (MainProcess fresh = net.java("client", NO_CACHE, NetworkClient.class, flags);
          MainProcess cached = net.java("client", List.of(), NetworkClient.class, flags)) {
        for (MainProcess client : List.of(fresh, cached)) {
          client.await("call " + CALLS_BEFORE + " ended", Duration.ofSeconds(90));
        }
        long freshAt = lastAt(fresh.out());
        long cachedAt = lastAt(cached.out());
        dns.set(NAME, List.of(net.ipv4("backend1"), net.ipv4("backend2")));
        awaitAt(fresh, freshAt + WATCHED_MS);
        awaitAt(cached, cachedAt + WATCHED_MS);

        Map<String, Integer> before = spread(fresh.out(), 0, freshAt + 1);
        Map<String, Integer> freshAfter = spread(fresh.out(), freshAt + SETTLED_MS, Long.MAX_VALUE);
        Map<String, Integer> cachedAfter =
            spread(cached.out(), cachedAt + SETTLED_MS, Long.MAX_VALUE);
        int total = before.values().stream().mapToInt(Integer::intValue).sum();
        assertEquals(3, before.size(), "round_robin calls every address: " + before);
        for (int count : before.values()) {
          assertTrue(count >= total / 5, "round_robin spreads evenly: " + before);
        }
        assertEquals(0, freshAfter.getOrDefault("backend3", 0),
            "resolved again without caches, backend3 is gone: " + freshAfter);
        assertTrue(freshAfter.getOrDefault("backend1", 0) > 0
            && freshAfter.getOrDefault("backend2", 0) > 0, freshAfter.toString());
        assertTrue(cachedAfter.getOrDefault("backend3", 0) > 0,
            "the default caches hide the change: " + cachedAfter);
        System.out.printf("DNS: before the change %s; from %d s after it: without caches %s,"
            + " with the default 30 s caches %s%n", before, SETTLED_MS / 1000, freshAfter,
            cachedAfter);
      }
    }
  }

  /** The client's clock (+T ms) at its latest call. */
  private static long lastAt(String out) {
    long at = 0;
    Matcher m = CALL.matcher(out);
    while (m.find()) {
      at = Long.parseLong(m.group(1));
    }
    return at;
  }

  private static void awaitAt(MainProcess client, long atMs) throws InterruptedException {
    client.awaitOutput(out -> lastAt(out) >= atMs, "at +" + atMs + " ms",
        Duration.ofSeconds(120));
  }

  /** Calls answered per backend, made in [fromMs, toMs) of the client's clock. */
  private static Map<String, Integer> spread(String out, long fromMs, long toMs) {
    Map<String, Integer> counts = new TreeMap<>();
    Matcher m = CALL.matcher(out);
    while (m.find()) {
      long at = Long.parseLong(m.group(1));
      if (at >= fromMs && at < toMs) {
        counts.merge(m.group(3), 1, Integer::sum);
      }
    }
    return counts;
  }
}
