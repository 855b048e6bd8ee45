package lab.loadbalancing;

import static io.grpc.ConnectivityState.CONNECTING;
import static io.grpc.ConnectivityState.IDLE;
import static io.grpc.ConnectivityState.READY;
import static io.grpc.ConnectivityState.TRANSIENT_FAILURE;

import io.grpc.Attributes;
import io.grpc.ConnectivityStateInfo;
import io.grpc.EquivalentAddressGroup;
import io.grpc.LoadBalancer;
import io.grpc.Status;
import java.net.SocketAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;

/**
 * A load-balancing policy of our own, "prefer my zone": calls go round robin over the READY
 * backends in the client's zone, and to the other zones only while none in its zone is READY.
 * (Traffic across zones costs money and milliseconds; a zone's backends going down should not
 * stop the service.) The resolver says which zone each address is in, as the attribute
 * {@link #ZONE}; the service config says which zone the client is in.
 *
 * <p>How a policy works in grpc-java, all of it on the channel's synchronization context (one
 * thread at a time, so no locks here):
 * <ol>
 *   <li>the channel hands it the resolved addresses ({@link #acceptResolvedAddresses});
 *   <li>it makes one {@link Subchannel} (one connection) per address through the
 *       {@link Helper}, and listens to each one's state (IDLE, CONNECTING, READY, ...);
 *   <li>after every change it gives the channel a new {@link SubchannelPicker}, which the
 *       channel calls for every call, on any thread: so a picker never changes, it is
 *       replaced.
 * </ol>
 */
final class PreferZoneBalancer extends LoadBalancer {
  /** The zone an address is in, set by the name resolver. */
  static final Attributes.Key<String> ZONE = Attributes.Key.create("lab.zone");

  private static final Logger log = Logger.getLogger(PreferZoneBalancer.class.getName());

  /** The parsed service config: the zone the client is in. */
  record Config(String zone) {}

  /** One backend: its connection, its zone, its last state. */
  private static final class Endpoint {
    Subchannel subchannel;
    String zone;
    ConnectivityStateInfo state = ConnectivityStateInfo.forNonError(IDLE);
  }

  private final Helper helper;
  private final Map<List<SocketAddress>, Endpoint> endpoints = new HashMap<>();
  private String myZone = "";
  private Boolean fallingBack; // null until the first READY picker; for the log line only

  PreferZoneBalancer(Helper helper) {
    this.helper = helper;
  }

  @Override
  public Status acceptResolvedAddresses(ResolvedAddresses resolved) {
    if (resolved.getAddresses().isEmpty()) {
      Status error = Status.UNAVAILABLE.withDescription("the resolver returned no addresses");
      handleNameResolutionError(error);
      return error;
    }
    myZone = ((Config) resolved.getLoadBalancingPolicyConfig()).zone();
    Set<List<SocketAddress>> resolvedNow = new HashSet<>();
    for (EquivalentAddressGroup group : resolved.getAddresses()) {
      resolvedNow.add(group.getAddresses());
      Endpoint endpoint = endpoints.computeIfAbsent(group.getAddresses(), a -> connect(group));
      String zone = group.getAttributes().get(ZONE);
      endpoint.zone = zone == null ? "" : zone;
    }
    // An address the resolver no longer names: close its connection (calls on it finish).
    endpoints.entrySet().removeIf(entry -> {
      boolean gone = !resolvedNow.contains(entry.getKey());
      if (gone) {
        entry.getValue().subchannel.shutdown();
      }
      return gone;
    });
    publish();
    return Status.OK;
  }

  private Endpoint connect(EquivalentAddressGroup group) {
    Endpoint endpoint = new Endpoint();
    endpoint.subchannel = helper.createSubchannel(CreateSubchannelArgs.newBuilder()
        .setAddresses(group).build());
    endpoint.subchannel.start(state -> onStateChange(endpoint, state));
    endpoint.subchannel.requestConnection(); // connect now, not at the first call
    return endpoint;
  }

  private void onStateChange(Endpoint endpoint, ConnectivityStateInfo state) {
    if (!endpoints.containsValue(endpoint)) {
      return; // removed since: its last words do not matter
    }
    endpoint.state = state;
    if (state.getState() == IDLE) {
      // The server closed an idle or old connection (GOAWAY): make a new one at once.
      endpoint.subchannel.requestConnection();
    }
    publish();
  }

  /** Picks the backends calls may go to now, and tells the channel. */
  private void publish() {
    List<Subchannel> mine = new ArrayList<>();
    List<Subchannel> others = new ArrayList<>();
    boolean connecting = false;
    Status lastError = Status.UNAVAILABLE.withDescription("no backend is reachable");
    for (Endpoint endpoint : endpoints.values()) {
      switch (endpoint.state.getState()) {
        case READY -> (endpoint.zone.equals(myZone) ? mine : others).add(endpoint.subchannel);
        case IDLE, CONNECTING -> connecting = true;
        case TRANSIENT_FAILURE -> lastError = endpoint.state.getStatus();
        default -> { } // SHUTDOWN: going away
      }
    }
    if (!mine.isEmpty() || !others.isEmpty()) {
      boolean fallBack = mine.isEmpty();
      if (!Boolean.valueOf(fallBack).equals(fallingBack)) {
        log.info(fallBack ? "no READY backend in " + myZone + ": calls go to the other zones"
            : "calls go to the READY backends in " + myZone);
        fallingBack = fallBack;
      }
      helper.updateBalancingState(READY, new RoundRobinPicker(fallBack ? others : mine));
    } else if (connecting) {
      // Calls wait (buffered by the channel) until a backend is READY or their deadline.
      helper.updateBalancingState(CONNECTING, new FixedResultPicker(PickResult.withNoResult()));
    } else {
      // Every backend failed to connect: calls fail now (wait-for-ready calls wait).
      helper.updateBalancingState(TRANSIENT_FAILURE,
          new FixedResultPicker(PickResult.withError(lastError)));
    }
  }

  @Override
  public void handleNameResolutionError(Status error) {
    if (endpoints.isEmpty()) {
      helper.updateBalancingState(TRANSIENT_FAILURE,
          new FixedResultPicker(PickResult.withError(error)));
    }
    // Otherwise keep using the backends we have: a resolver hiccup is not a backend outage.
  }

  @Override
  public void shutdown() {
    endpoints.values().forEach(endpoint -> endpoint.subchannel.shutdown());
    endpoints.clear();
  }

  /** Each call to the next backend of a fixed list; called on any thread, so atomic. */
  private static final class RoundRobinPicker extends SubchannelPicker {
    private final List<Subchannel> backends;
    // A random start: many clients starting together do not all send their first call to
    // the same backend.
    private final AtomicInteger next = new AtomicInteger(ThreadLocalRandom.current().nextInt());

    RoundRobinPicker(List<Subchannel> backends) {
      this.backends = List.copyOf(backends);
    }

    @Override
    public PickResult pickSubchannel(PickSubchannelArgs args) {
      return PickResult.withSubchannel(
          backends.get(Math.floorMod(next.getAndIncrement(), backends.size())));
    }
  }
}
