package lab.loadbalancing;

import io.grpc.Attributes;
import io.grpc.EquivalentAddressGroup;
import io.grpc.NameResolver;
import io.grpc.NameResolverProvider;
import io.grpc.NameResolverRegistry;
import io.grpc.SynchronizationContext;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.URI;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A name resolver the program feeds: the target {@code lab-N:///backends} resolves to the
 * address list given here, and {@link #update} pushes a new list to every channel using it at
 * run time — what DNS, a Kubernetes headless Service or a service registry do for real. The
 * channel's load-balancing policy (pick_first, round_robin) then decides which address each
 * call goes to. See NOTES.md, "Load balancing".
 *
 * <p>Each instance registers its own scheme, so tests running side by side do not share a list.
 * Close it to unregister.
 */
public final class AddressListResolver extends NameResolverProvider implements AutoCloseable {
  private static final AtomicInteger instances = new AtomicInteger();

  private final String scheme = "lab-" + instances.incrementAndGet();
  private final Set<Resolver> resolvers = new CopyOnWriteArraySet<>();
  private volatile List<EquivalentAddressGroup> groups;

  public AddressListResolver(List<InetSocketAddress> addresses) {
    this.groups = groups(addresses);
    NameResolverRegistry.getDefaultRegistry().register(this);
  }

  /**
   * One group per address: each is a separate backend (a group would be one backend reachable
   * at several addresses).
   */
  static List<EquivalentAddressGroup> groups(List<InetSocketAddress> addresses) {
    return addresses.stream().map(EquivalentAddressGroup::new).toList();
  }

  /**
   * The same address with an attribute, the zone it is in, for {@link PreferZoneBalancer}. A
   * resolver learns this from where it looks (a Kubernetes EndpointSlice's zone, xDS).
   */
  static EquivalentAddressGroup inZone(InetSocketAddress address, String zone) {
    return new EquivalentAddressGroup(address,
        Attributes.newBuilder().set(PreferZoneBalancer.ZONE, zone).build());
  }

  /** The target to give {@code ManagedChannelBuilder.forTarget}. */
  public String target() {
    return scheme + ":///backends";
  }

  /** Replaces the address list; every channel on this target sees the new list. */
  public void update(List<InetSocketAddress> newAddresses) {
    updateGroups(groups(newAddresses));
  }

  /** Replaces the list with groups that may carry attributes (see {@link #inZone}). */
  public void updateGroups(List<EquivalentAddressGroup> newGroups) {
    groups = List.copyOf(newGroups);
    resolvers.forEach(Resolver::push);
  }

  @Override
  public NameResolver newNameResolver(URI targetUri, NameResolver.Args args) {
    return scheme.equals(targetUri.getScheme())
        ? new Resolver(args.getSynchronizationContext()) : null;
  }

  @Override
  public String getDefaultScheme() {
    return scheme;
  }

  @Override
  protected boolean isAvailable() {
    return true;
  }

  @Override
  protected int priority() {
    return 5; // the conventional middle; only this scheme is served, so it competes with nobody
  }

  @Override
  public Collection<Class<? extends SocketAddress>> getProducedSocketAddressTypes() {
    return List.of(InetSocketAddress.class);
  }

  @Override
  public void close() {
    NameResolverRegistry.getDefaultRegistry().deregister(this);
  }

  /** One channel's resolver. The channel calls it, and it answers, in the channel's sync context. */
  private final class Resolver extends NameResolver {
    private final SynchronizationContext syncContext;
    private Listener2 listener;

    Resolver(SynchronizationContext syncContext) {
      this.syncContext = syncContext;
    }

    @Override
    public String getServiceAuthority() {
      return "backends";
    }

    @Override
    public void start(Listener2 listener) {
      this.listener = listener;
      resolvers.add(this);
      resolve();
    }

    @Override
    public void refresh() {
      resolve(); // the channel asks again, e.g. after a connection failed
    }

    void push() {
      syncContext.execute(this::resolve);
    }

    private void resolve() {
      if (listener == null) {
        return; // shut down
      }
      listener.onResult(ResolutionResult.newBuilder().setAddresses(groups).build());
    }

    @Override
    public void shutdown() {
      resolvers.remove(this);
      listener = null;
    }
  }
}
