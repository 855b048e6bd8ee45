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
 * The same download of text and of random bytes, without and with gzip, over links of 1, 10
 * and 100 Mbit/s (tc's token bucket filter on the server's interface) and over the bare
 * bridge. What the test asserts is about bytes, which load cannot change: gzip sends text in
 * a fraction of the bytes and random bytes in no fewer, and a limited link takes at least its
 * bytes' time. The timings, and where gzip's CPU cost outweighs what it saves, are printed.
 */
class SlowLinkTest {
  /** Link rates in Mbit/s; 0 = no limit (the bridge between namespaces). */
  static final List<Integer> RATES = List.of(1, 10, 100, 0);
  static final int SECONDS_OF_LINK = 2;
  static final int UNLIMITED_BYTES = 25_000_000;
  private static final Pattern LINE = Pattern.compile(
      "download (text|random) (identity|gzip): (\\d+) bytes in (\\d+) ms, (\\d+) on the wire");

  record Download(long bytes, long ms, long wire) {}

  @Test
  void gzipSendsTextInAFractionOfTheBytesRandomBytesInNoFewerAndWinsOnASlowLink()
      throws Exception {
    List<String> table = new ArrayList<>();
    try (Topology net = Topology.of("client", "server");
        MainProcess server = Scenario.server(net, "server")) {
      for (int rate : RATES) {
        if (rate > 0) {
          int burst = Math.max(16 * 1024, rate * 1_000_000 / 8 / 50); // 20 ms of the rate
          net.run("server", "tc", "qdisc", "replace", "dev", "eth0", "root", "tbf", "rate",
              rate + "mbit", "burst", "" + burst, "latency", "100ms");
        } else {
          net.run("server", "tc", "qdisc", "del", "dev", "eth0", "root");
        }
        int bytes = rate > 0 ? rate * 1_000_000 / 8 * SECONDS_OF_LINK : UNLIMITED_BYTES;
        Map<String, Download> runs = download(net, bytes);
        Download text = runs.get("text identity");
        Download textGzip = runs.get("text gzip");
        Download random = runs.get("random identity");
        Download randomGzip = runs.get("random gzip");

        assertTrue(textGzip.wire() * 5 < text.wire(), "text compresses: " + runs);
        assertTrue(randomGzip.wire() >= random.wire(), "random bytes do not: " + runs);
        if (rate > 0) {
          // a link of R Mbit/s carries R/8 MB a second at most (burst aside): a floor
          long floorMs = random.wire() * 8 / (rate * 1000L);
          assertTrue(random.ms() >= floorMs * 0.9, rate + " Mbit/s is a real limit: " + runs);
        }
        if (rate == 1) {
          assertTrue(textGzip.ms() < text.ms(), "on the slowest link gzip wins: " + runs);
        }
        table.add(String.format("| %s | %d | %d ms | %d ms (%.0f %%) | %d ms | %d ms |",
            rate > 0 ? rate + " Mbit/s" : "no limit", bytes, text.ms(), textGzip.ms(),
            100.0 * textGzip.wire() / text.wire(), random.ms(), randomGzip.ms()));
      }
    }
    System.out.println("slow link (text identity, text gzip (bytes on the wire), random"
        + " identity, random gzip):\n| link | bytes | text | text gzip | random | random gzip |\n"
        + String.join("\n", table));
  }

  private static Map<String, Download> download(Topology net, int bytes) throws Exception {
    try (MainProcess client = Scenario.client(net, "client", "--target",
        net.ipv4("server") + ":" + NetworkServer.DEFAULT_PORT, "--mode", "download",
        "--bytes", "" + bytes)) {
      assertEquals(0, client.exitCode(Duration.ofSeconds(300)), client.out() + client.err());
      Map<String, Download> runs = new LinkedHashMap<>();
      Matcher m = LINE.matcher(client.out());
      while (m.find()) {
        assertEquals(bytes, Long.parseLong(m.group(3)), "every byte arrived");
        runs.put(m.group(1) + " " + m.group(2), new Download(Long.parseLong(m.group(3)),
            Long.parseLong(m.group(4)), Long.parseLong(m.group(5))));
      }
      assertEquals(4, runs.size(), client.out());
      return runs;
    }
  }
}
