package lab.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import lab.testing.MainProcess;
import lab.testing.Topology;
import org.junit.jupiter.api.Test;

/**
 * A fast link with a long round trip (100 ms through DelayRelay): a stream can have at most
 * one flow-control window of bytes unacknowledged, so it moves at most window / round trip.
 * A fixed 64 KiB window caps a download at 5.2 Mbit/s whatever the link; grpc-java's default
 * window starts at 1 MiB and grows with the bandwidth-delay product it measures (BDP pings).
 */
class FlowControlWindowTest {
  static final int DELAY_MS = 50; // each way
  static final int SMALL_WINDOW = 64 * 1024;
  static final int BYTES = 4_000_000;
  private static final Pattern TOOK = Pattern.compile("download text identity: (\\d+) bytes in (\\d+) ms");

  @Test
  void aSmallWindowCapsAStreamAtWindowPerRoundTripAndTheDefaultGrowsPastIt() throws Exception {
    try (Topology net = Topology.of("client", "link", "server");
        MainProcess server = Scenario.server(net, "server");
        MainProcess relay = net.java("link", List.of(), DelayRelay.class, "--bind", "::",
            "--to", net.ipv4("server") + ":" + NetworkServer.DEFAULT_PORT, "--delay-ms",
            "" + DELAY_MS)) {
      relay.await("Relay listening", Duration.ofSeconds(90));
      String target = net.ipv4("link") + ":" + (NetworkServer.DEFAULT_PORT + 1);
      long small = download(net, target, "--window", "" + SMALL_WINDOW);
      long grown = download(net, target);

      // At most one window per round trip: BYTES / 64 KiB windows, 100 ms each, at least.
      long floorMs = (long) BYTES / SMALL_WINDOW * 2 * DELAY_MS;
      assertTrue(small >= floorMs * 0.9, "64 KiB per 100 ms at most: " + small + " ms");
      assertTrue(grown < small / 2, "the default window is not the limit: " + grown + " vs "
          + small + " ms");
      System.out.printf("flow-control window, %d ms round trip, %d bytes: 64 KiB window %d ms"
          + " (%.1f Mbit/s, floor %d ms); default window %d ms (%.1f Mbit/s)%n", 2 * DELAY_MS,
          BYTES, small, BYTES * 8.0 / small / 1000, floorMs, grown, BYTES * 8.0 / grown / 1000);
    }
  }

  private static long download(Topology net, String target, String... window)
      throws Exception {
    List<String> args = new java.util.ArrayList<>(List.of("--target", target, "--mode",
        "download", "--variants", "text", "--bytes", "" + BYTES));
    args.addAll(List.of(window));
    try (MainProcess client = Scenario.client(net, "client", args.toArray(String[]::new))) {
      assertEquals(0, client.exitCode(Duration.ofSeconds(300)), client.out() + client.err());
      Matcher m = TOOK.matcher(client.out());
      assertTrue(m.find(), client.out());
      assertEquals(BYTES, Long.parseLong(m.group(1)));
      return Long.parseLong(m.group(2));
    }
  }
}
