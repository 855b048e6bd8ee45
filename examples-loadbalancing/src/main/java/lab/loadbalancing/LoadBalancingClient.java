package lab.loadbalancing;

import io.grpc.EquivalentAddressGroup;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import lab.common.Flags;
import lab.common.Main;
import lab.proto.loadbalancing.BackendGrpc;
import lab.proto.loadbalancing.WhoamiRequest;

/**
 * Prints which backend served each of N calls, as a histogram.
 *
 * <p>Client-side balancing (default): one channel over the backends' addresses (given to our
 * {@link AddressListResolver}), once per policy: {@code --policy} one or more of
 * the {@link Policy} names in lower case (pick_first, round_robin, prefer_zone, ...),
 * comma-separated (pick_first,round_robin), {@code --backends host:port,...}
 * (127.0.0.1:50061..50063), {@code --zones zone,...} (zone-a,zone-b,zone-b: the zone of each
 * backend, for prefer_zone), {@code --calls N} (300).
 *
 * <p>Through a proxy: {@code --target host:port --clients C} (2): C channels, so C
 * connections, calling in rounds; one histogram per connection and the total.
 */
public final class LoadBalancingClient {
  private static final Logger log = Logger.getLogger(LoadBalancingClient.class.getName());
  /** Where BackendServer's three backends listen by default. */
  static final String DEFAULT_BACKENDS = "127.0.0.1:50061,127.0.0.1:50062,127.0.0.1:50063";
  /** The two policies compared by default; round_robin_with_health needs a NOT_SERVING backend. */
  static final String DEFAULT_POLICIES = "pick_first,round_robin";

  static final String USAGE = "usage: ./run examples-loadbalancing LoadBalancingClient [--calls N]"
      + " [--target HOST:PORT] [--clients N] [--backends VALUE] [--zones VALUE] [--policy VALUE]";
  /** The zone of each backend, in order, for prefer_zone (which prefers zone-a). */
  static final String DEFAULT_ZONES = "zone-a,zone-b,zone-b";

  public static void main(String[] args) throws Exception {
    Main.run(args, USAGE, LoadBalancingClient::run);
  }

  /** The main's body: one histogram per policy asked for, or per connection through a proxy. */
  static void run(Flags flags) throws Exception {
    int calls = flags.integer("calls", 300);
    String target = flags.string("target", "");
    if (!target.isEmpty()) {
      throughProxy(target, flags.integer("clients", 2), calls);
      return;
    }
    List<InetSocketAddress> backends = addresses(flags.string("backends", DEFAULT_BACKENDS));
    List<Policy> policies = policies(flags.string("policy", DEFAULT_POLICIES));
    List<String> zones = zones(flags.string("zones", DEFAULT_ZONES), backends.size());
    try (AddressListResolver resolver = new AddressListResolver(backends)) {
      List<EquivalentAddressGroup> inZones = new ArrayList<>();
      for (int i = 0; i < backends.size(); i++) {
        inZones.add(AddressListResolver.inZone(backends.get(i), zones.get(i)));
      }
      resolver.updateGroups(inZones); // only prefer_zone reads the zones; the others ignore them
      for (Policy p : policies) {
        log.info(p.flagName() + ", " + calls + " calls:\n" + clientSide(p, resolver, calls).histogram());
      }
    }
  }

  /** "pick_first,round_robin" as policies, in that order; an unknown name is a usage error. */
  static List<Policy> policies(String commaSeparated) {
    List<Policy> policies = new ArrayList<>();
    for (String name : commaSeparated.split(",")) {
      policies.add(Arrays.stream(Policy.values()).filter(p -> p.flagName().equalsIgnoreCase(name))
          .findFirst().orElseThrow(() -> new Flags.UsageException("--policy takes one or more"
              + " of " + String.join(", ", Arrays.stream(Policy.values()).map(Policy::flagName)
              .toList()) + " (comma-separated), got: " + name)));
    }
    return policies;
  }

  /** "zone-a,zone-b,zone-b": one zone per backend, as many as there are backends. */
  static List<String> zones(String commaSeparated, int backends) {
    List<String> zones = List.of(commaSeparated.split(","));
    if (zones.size() != backends || zones.stream().anyMatch(String::isBlank)) {
      throw new Flags.UsageException("--zones takes one zone per backend (" + backends
          + "), comma-separated, got: " + commaSeparated);
    }
    return zones;
  }

  /** "host:port,host:port" as addresses; anything else is a usage error naming it. */
  static List<InetSocketAddress> addresses(String commaSeparated) {
    List<InetSocketAddress> addresses = new ArrayList<>();
    for (String hostPort : commaSeparated.split(",")) {
      int colon = hostPort.lastIndexOf(':');
      int port = colon > 0 ? portOrMinusOne(hostPort.substring(colon + 1)) : -1;
      if (port < 1 || port > 65_535) {
        throw new Flags.UsageException("--backends takes host:port,host:port,..., got: "
            + hostPort);
      }
      addresses.add(new InetSocketAddress(hostPort.substring(0, colon), port));
    }
    return addresses;
  }

  private static int portOrMinusOne(String digits) {
    try {
      return Integer.parseInt(digits);
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private static Spread clientSide(Policy policy, AddressListResolver resolver, int calls)
      throws InterruptedException {
    ManagedChannel channel = policy.channel(resolver.target());
    try {
      var stub = BackendGrpc.newBlockingStub(channel);
      Spread spread = new Spread();
      for (int i = 0; i < calls; i++) {
        spread.record(stub.withDeadlineAfter(10, TimeUnit.SECONDS)
            .whoami(WhoamiRequest.getDefaultInstance()).getBackend());
      }
      return spread;
    } finally {
      channel.shutdown().awaitTermination(5, TimeUnit.SECONDS);
    }
  }

  private static void throughProxy(String target, int clients, int calls) throws Exception {
    List<ManagedChannel> channels = new ArrayList<>();
    for (int i = 0; i < clients; i++) {
      channels.add(ManagedChannelBuilder.forTarget(target).usePlaintext().build());
    }
    try {
      Callers.Tally tally = new Callers(channels).run(Math.max(1, calls / clients), 0);
      for (int i = 0; i < clients; i++) {
        log.info("connection " + (i + 1) + ":\n" + tally.perClient().get(i).histogram());
      }
      log.info("all " + tally.total().total() + " calls through " + target + " ("
          + tally.failures() + " failed):\n" + tally.total().histogram());
    } finally {
      for (ManagedChannel channel : channels) {
        channel.shutdown().awaitTermination(5, TimeUnit.SECONDS);
      }
    }
  }
}
