package lab.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import lab.testing.MainProcess;
import lab.testing.Topology;
import org.junit.jupiter.api.Test;

/**
 * Three backends on their own hosts behind nginx (L7), restarted one at a time while six
 * callers keep calling through the proxy, each call taking 200 ms on its backend. Killed
 * (SIGKILL), a backend takes its calls in flight with it: nginx answers them 502, which the
 * client sees as UNAVAILABLE. Stopped gracefully (SIGINT: the server stops accepting, sends
 * GOAWAY and finishes what it has), no call fails: the calls in flight end, and nginx sends
 * the next ones to the backends still listening.
 */
class RollingRestartTest {
  static final List<String> BACKENDS = List.of("backend1", "backend2", "backend3");
  private static final Pattern ENDED = Pattern.compile("call \\d+ ended (\\w+)");
  private static final Duration WITHIN = Duration.ofSeconds(120);

  @Test
  void killedBackendsFailTheirCallsInFlightAndGracefullyStoppedOnesFailNone() throws Exception {
    List<String> hosts = new ArrayList<>(List.of("client", "proxy"));
    hosts.addAll(BACKENDS);
    try (Topology net = Topology.of(hosts.toArray(String[]::new))) {
      Map<String, MainProcess> backends = new LinkedHashMap<>();
      List<String> upstreams = new ArrayList<>();
      for (String b : BACKENDS) {
        backends.put(b, Scenario.server(net, b));
        upstreams.add(net.ipv4(b) + ":" + NetworkServer.DEFAULT_PORT);
      }
      try (NginxInHost proxy = NginxInHost.start(net, "proxy", NetworkServer.DEFAULT_PORT,
          upstreams)) {
        Map<String, Integer> killed = restartAll(net, backends, false);
        Map<String, Integer> drained = restartAll(net, backends, true);

        assertTrue(killed.getOrDefault("UNAVAILABLE", 0) > 0,
            "killed backends fail their calls in flight: " + killed);
        assertEquals(List.of("OK"), List.copyOf(drained.keySet()),
            "gracefully stopped backends fail none: " + drained);
        System.out.printf("rolling restart behind nginx: killed %s; stopped gracefully %s%n",
            killed, drained);
      } finally {
        for (MainProcess backend : backends.values()) {
          backend.close();
        }
      }
    }
  }

  /** Restarts each backend in turn under load; the calls' end codes, counted. */
  private static Map<String, Integer> restartAll(Topology net, Map<String, MainProcess> backends,
      boolean gracefully) throws Exception {
    try (MainProcess client = Scenario.client(net, "client", "--target",
        net.ipv4("proxy") + ":" + NetworkServer.DEFAULT_PORT, "--mode", "calls", "--calls",
        "1000000", "--interval-ms", "0", "--concurrency", "6", "--call-ms", "200")) {
      client.await("call \\d+ ended OK from backend3", WITHIN);
      for (String name : BACKENDS) {
        MainProcess old = backends.get(name);
        if (gracefully) {
          old.interrupt(); // Ctrl-C: LabServer's graceful shutdown
          assertEquals(130, old.exitCode(WITHIN), old.err());
        } else {
          old.close(); // SIGKILL
        }
        backends.put(name, Scenario.server(net, name));
        int before = count(client.out(), "from " + name);
        client.awaitOutput(out -> count(out, "from " + name) >= before + 5,
            name + " serving again", WITHIN);
      }
      Map<String, Integer> codes = new LinkedHashMap<>();
      Matcher m = ENDED.matcher(client.out());
      while (m.find()) {
        codes.merge(m.group(1), 1, Integer::sum);
      }
      return codes;
    }
  }

  private static int count(String text, String what) {
    int n = 0;
    for (int i = text.indexOf(what); i >= 0; i = text.indexOf(what, i + 1)) {
      n++;
    }
    return n;
  }
}
