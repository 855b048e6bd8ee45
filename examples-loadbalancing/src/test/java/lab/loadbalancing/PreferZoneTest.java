package lab.loadbalancing;

import static lab.loadbalancing.TestBackends.assertAbout;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.EquivalentAddressGroup;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import lab.proto.loadbalancing.BackendGrpc;
import lab.proto.loadbalancing.WhoamiRequest;
import lab.testing.GrpcCleanupExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Our own policy, lab_prefer_zone: backend-1 and backend-2 in zone-a, backend-3 and backend-4
 * in zone-b, a client in zone-a.
 */
class PreferZoneTest {
  private static final Logger log = Logger.getLogger(PreferZoneTest.class.getName());

  @RegisterExtension
  final GrpcCleanupExtension grpc = new GrpcCleanupExtension();

  private List<Backend> backends;
  private AddressListResolver resolver;

  @BeforeEach
  void startTwoBackendsInEachOfTwoZones() throws Exception {
    backends = TestBackends.start(grpc, 4);
    resolver = new AddressListResolver(List.of());
    resolver.updateGroups(zoned(backends, "zone-a", "zone-a", "zone-b", "zone-b"));
  }

  @AfterEach
  void unregisterTheResolver() {
    resolver.close();
  }

  @Test
  void callsStayInTheClientsZoneSpreadOverItsTwoBackends() {
    ManagedChannel channel = grpc.register(Policy.PREFER_ZONE.channel(resolver.target()));
    TestBackends.awaitServedBy(channel, "backend-1");
    TestBackends.awaitServedBy(channel, "backend-2");

    Spread spread = TestBackends.call(channel, 300);

    log.info("lab_prefer_zone (zone-a), 300 calls:\n"
        + spread.histogram(TestBackends.names(backends)));
    assertAbout(spread, "backend-1", 150, 15);
    assertAbout(spread, "backend-2", 150, 15);
    assertEquals(0, spread.count("backend-3") + spread.count("backend-4"), spread.toString());
  }

  @Test
  void whenTheZonesBackendsStopCallsGoToTheOtherZoneAndNoneFailsThenComeBack()
      throws Exception {
    ManagedChannel channel = grpc.register(Policy.PREFER_ZONE.channel(resolver.target()));
    TestBackends.awaitServedBy(channel, "backend-1");
    TestBackends.awaitServedBy(channel, "backend-2");
    Callers sixAtATime = new Callers(Collections.nCopies(6, channel));

    CompletableFuture<Void> zoneADown = CompletableFuture.runAsync(() -> {
      close(backends.get(0));
      close(backends.get(1));
    });
    Callers.Tally during = sixAtATime.run(50, 20);
    zoneADown.get(20, TimeUnit.SECONDS);
    Callers.Tally after = sixAtATime.run(50, 0);

    log.info("zone-a stopped: while stopping " + during.total() + ", after:\n"
        + after.total().histogram(TestBackends.names(backends))
        + "failed calls: " + (during.failures() + after.failures()));
    assertEquals(0, during.failures() + after.failures(), "a graceful stop fails no call");
    assertEquals(0, after.total().count("backend-1") + after.total().count("backend-2"));
    assertAbout(after.total(), "backend-3", 150, 15);
    assertAbout(after.total(), "backend-4", 150, 15);

    // A new backend in zone-a: the resolver names it, and calls come home.
    Backend fifth = TestBackends.start(grpc, 5, 1, null, null).get(0);
    List<EquivalentAddressGroup> groups = new ArrayList<>(zoned(backends.subList(2, 4),
        "zone-b", "zone-b"));
    groups.add(AddressListResolver.inZone(fifth.address(), "zone-a"));
    resolver.updateGroups(groups);
    TestBackends.awaitServedBy(channel, "backend-5");
    Spread home = TestBackends.call(channel, 100);
    assertEquals(100, home.count("backend-5"), "back in zone-a: " + home);
  }

  @Test
  void aClientInAZoneWithoutBackendsSpreadsItsCallsOverAllOfThem() {
    ManagedChannel channel = grpc.register(ManagedChannelBuilder.forTarget(resolver.target())
        .usePlaintext()
        .defaultServiceConfig(Map.of("loadBalancingConfig",
            List.of(Map.of(PreferZoneProvider.NAME, Map.of("zone", "zone-c")))))
        .build());
    TestBackends.awaitEachServed(channel, backends);

    Spread spread = TestBackends.call(channel, 300);

    log.info("lab_prefer_zone (zone-c), 300 calls:\n" + spread.histogram());
    for (Backend backend : backends) {
      assertAbout(spread, backend.name(), 75, 12);
    }
  }

  @Test
  void whenNoBackendIsReachableACallFailsWithUnavailableBeforeItsDeadline() throws Exception {
    ManagedChannel channel = grpc.register(Policy.PREFER_ZONE.channel(resolver.target()));
    TestBackends.awaitServedBy(channel, "backend-1");
    for (Backend backend : backends) {
      backend.close();
    }

    StatusRuntimeException e = assertThrows(StatusRuntimeException.class,
        () -> BackendGrpc.newBlockingStub(channel).withDeadlineAfter(20, TimeUnit.SECONDS)
            .whoami(WhoamiRequest.getDefaultInstance()));

    assertEquals(Status.Code.UNAVAILABLE, e.getStatus().getCode(), e.getStatus().toString());
  }

  @Test
  void theServiceConfigMustNameTheClientsZone() {
    PreferZoneProvider provider = new PreferZoneProvider();

    var missing = provider.parseLoadBalancingPolicyConfig(Map.of());
    var notAString = provider.parseLoadBalancingPolicyConfig(Map.of("zone", 3.0));
    var good = provider.parseLoadBalancingPolicyConfig(Map.of("zone", "zone-a"));

    assertEquals(Status.Code.INVALID_ARGUMENT, missing.getError().getCode());
    assertTrue(missing.getError().getDescription().startsWith(
        "lab_prefer_zone needs \"zone\", the client's zone as a non-empty string"),
        missing.getError().getDescription());
    assertEquals(Status.Code.INVALID_ARGUMENT, notAString.getError().getCode());
    assertEquals(new PreferZoneBalancer.Config("zone-a"), good.getConfig());
  }

  private static List<EquivalentAddressGroup> zoned(List<Backend> backends, String... zones) {
    List<EquivalentAddressGroup> groups = new ArrayList<>();
    for (int i = 0; i < backends.size(); i++) {
      groups.add(AddressListResolver.inZone(backends.get(i).address(), zones[i]));
    }
    return groups;
  }

  private static void close(Backend backend) {
    try {
      backend.close();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
