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
 * A name with an A and an AAAA record, a server listening on both families. Which one the
 * client uses is decided twice: by the order the JVM returns addresses in (IPv4 first unless
 * {@code java.net.preferIPv6Addresses=true}), then by pick_first, which tries them in that
 * order. When the first family is black-holed, the first call waits for the connect timeout,
 * unless Happy Eyeballs races the other family.
 */
class DualStackTest {
  static final String NAME = "video.lab";
  private static final Pattern CALL =
      Pattern.compile("call 1 ended OK from server over (IPv\\d) in (\\d+) ms");
  private static final List<String> PREFER_IPV6 = List.of("-Djava.net.preferIPv6Addresses=true");
  /** grpc-java reads its feature flags from the environment or, as here, system properties. */
  private static final List<String> HAPPY_EYEBALLS = List.of(
      "-Djava.net.preferIPv6Addresses=true", "-DGRPC_EXPERIMENTAL_ENABLE_NEW_PICK_FIRST=true",
      "-DGRPC_PF_USE_HAPPY_EYEBALLS=true");

  @Test
  void theJvmsAddressOrderPicksTheFamilyAndABlackHoledIpv6CostsTheFirstCall30SecondsUnlessHappyEyeballsRaces()
      throws Exception {
    try (Topology net = Topology.of("dns", "client", "server");
        DnsServer dns = DnsServer.start(net, "dns", NAME,
            List.of(net.ipv4("server"), net.ipv6("server")));
        MainProcess server = Scenario.server(net, "server")) {
      net.resolver("client", net.ipv4("dns"));
      String[] flags = {"--target", "dns:///" + NAME + ":" + NetworkServer.DEFAULT_PORT,
          "--mode", "calls", "--calls", "1", "--deadline-ms", "120000"};

      String[] byDefault = firstCall(start(net, List.of(), flags));
      String[] preferV6 = firstCall(start(net, PREFER_IPV6, flags));
      net.cutIpv6("client", "server");
      MainProcess plain = start(net, PREFER_IPV6, flags);
      MainProcess eyeballs = start(net, HAPPY_EYEBALLS, flags);
      String[] waited = firstCall(plain);
      String[] raced = firstCall(eyeballs);

      assertEquals("IPv4", byDefault[0], "the JVM lists IPv4 first by default");
      assertEquals("IPv6", preferV6[0], "preferIPv6Addresses puts IPv6 first");
      // pick_first as grpc-java 1.85 ships it tries one address at a time: the IPv6 attempt
      // must fail first, and a black hole fails it only at the 30 s connect timeout.
      assertEquals("IPv4", waited[0], "with IPv6 black-holed, the call falls back");
      assertTrue(Long.parseLong(waited[1]) >= 20_000, "it waited for IPv6 to time out");
      // Happy Eyeballs (gRFC A61, opt-in in 1.85) starts IPv4 250 ms after IPv6.
      assertEquals("IPv4", raced[0]);
      assertTrue(Long.parseLong(raced[1]) < Long.parseLong(waited[1]) / 2,
          "Happy Eyeballs does not wait for the black hole");
      System.out.printf("dual stack: first call by default over %s in %s ms; preferring IPv6"
          + " over %s in %s ms; IPv6 black-holed: over %s in %s ms, with Happy Eyeballs over %s"
          + " in %s ms%n", byDefault[0], byDefault[1], preferV6[0], preferV6[1], waited[0],
          waited[1], raced[0], raced[1]);
    }
  }

  private static MainProcess start(Topology net, List<String> jvm, String... flags)
      throws Exception {
    return net.java("client", jvm, NetworkClient.class, flags);
  }

  /** One client's first call: {family, milliseconds}; the client is closed after. */
  private static String[] firstCall(MainProcess client) throws Exception {
    try (client) {
      client.await("call 1 ended", Duration.ofSeconds(180));
      Matcher m = CALL.matcher(client.out());
      assertTrue(m.find(), client.out() + client.err());
      return new String[] {m.group(1), m.group(2)};
    }
  }
}
