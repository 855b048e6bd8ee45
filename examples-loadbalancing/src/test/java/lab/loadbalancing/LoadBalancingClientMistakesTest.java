package lab.loadbalancing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetSocketAddress;
import java.util.List;
import lab.common.Main;
import lab.testing.Console;
import org.junit.jupiter.api.Test;

/** A mistake on LoadBalancingClient's command line ends in one line naming it, exit 2. */
class LoadBalancingClientMistakesTest {
  private final Console console = new Console();

  private int client(String... args) throws Exception {
    return Main.exitCode(args, LoadBalancingClient.USAGE, null, LoadBalancingClient::run,
        console.stderr());
  }

  @Test
  void backendsThatAreNotHostAndPortAreAUsageErrorNamingTheBadOne() throws Exception {
    assertEquals(Main.USAGE_ERROR, client("--backends", "127.0.0.1:50061,foo"));
    assertEquals("error: --backends takes host:port,host:port,..., got: foo\n"
        + LoadBalancingClient.USAGE + "\n", console.err());
  }

  @Test
  void aPortOutsideOneTo65535IsAUsageError() throws Exception {
    assertEquals(Main.USAGE_ERROR, client("--backends", "127.0.0.1:70000"));
    assertEquals(Main.USAGE_ERROR, client("--backends", "127.0.0.1:0"));
    assertEquals(Main.USAGE_ERROR, client("--backends", ":50061"));
  }

  @Test
  void anUnknownPolicyIsAUsageErrorListingTheRealOnes() throws Exception {
    assertEquals(Main.USAGE_ERROR, client("--policy", "all"));
    assertEquals("error: --policy takes one or more of pick_first, round_robin,"
        + " round_robin_with_health, prefer_zone, weighted_round_robin,"
        + " weighted_round_robin_out_of_band, outlier_detection (comma-separated), got: all\n"
        + LoadBalancingClient.USAGE + "\n", console.err());
  }

  @Test
  void zonesMustNameOneZonePerBackend() throws Exception {
    assertEquals(Main.USAGE_ERROR, client("--zones", "zone-a,zone-b"));
    assertEquals("error: --zones takes one zone per backend (3), comma-separated, got:"
        + " zone-a,zone-b\n" + LoadBalancingClient.USAGE + "\n", console.err());
    assertEquals(Main.USAGE_ERROR, client("--zones", "zone-a,,zone-b"));
    assertEquals(List.of("a", "b", "b"), LoadBalancingClient.zones("a,b,b", 3));
  }

  @Test
  void policiesAreTakenInTheOrderGivenAndTheDefaultComparesPickFirstWithRoundRobin() {
    assertEquals(List.of(Policy.ROUND_ROBIN_WITH_HEALTH, Policy.PICK_FIRST),
        LoadBalancingClient.policies("round_robin_with_health,PICK_FIRST"));
    assertEquals(List.of(Policy.PICK_FIRST, Policy.ROUND_ROBIN),
        LoadBalancingClient.policies(LoadBalancingClient.DEFAULT_POLICIES));
  }

  @Test
  void goodBackendsBecomeAddressesInTheirOrder() {
    assertEquals(List.of(new InetSocketAddress("127.0.0.1", 1),
            new InetSocketAddress("localhost", 65_535)),
        LoadBalancingClient.addresses("127.0.0.1:1,localhost:65535"));
  }
}
