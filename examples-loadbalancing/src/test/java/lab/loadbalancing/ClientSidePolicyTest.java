package lab.loadbalancing;

import static lab.loadbalancing.TestBackends.assertAbout;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import java.util.List;
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

/** One channel, three backend addresses from our resolver: the policy decides the spread. */
class ClientSidePolicyTest {
  private static final Logger log = Logger.getLogger(ClientSidePolicyTest.class.getName());

  @RegisterExtension
  final GrpcCleanupExtension grpc = new GrpcCleanupExtension();

  private List<Backend> backends;
  private AddressListResolver resolver;

  @BeforeEach
  void startThreeBackends() throws Exception {
    backends = TestBackends.start(grpc, 3);
    resolver = new AddressListResolver(TestBackends.addresses(backends));
  }

  @AfterEach
  void unregisterTheResolver() {
    resolver.close();
  }

  @Test
  void pickFirstSendsEveryCallToOneBackend() {
    ManagedChannel channel = grpc.register(Policy.PICK_FIRST.channel(resolver.target()));

    Spread spread = TestBackends.call(channel, 300);

    log.info("pick_first, 300 calls:\n" + spread.histogram(TestBackends.names(backends)));
    assertEquals(1, spread.backendsUsed(), "one connection, one backend: " + spread);
    assertEquals(300, spread.count("backend-1"), "the first address that works: " + spread);
  }

  @Test
  void roundRobinSpreadsThreeHundredCallsOverThreeBackendsWithinTenPercentEach() {
    ManagedChannel channel = grpc.register(Policy.ROUND_ROBIN.channel(resolver.target()));
    for (Backend backend : backends) {
      TestBackends.awaitServedBy(channel, backend.name()); // every connection is READY
    }

    Spread spread = TestBackends.call(channel, 300);

    log.info("round_robin, 300 calls:\n" + spread.histogram(TestBackends.names(backends)));
    for (Backend backend : backends) {
      assertAbout(spread, backend.name(), 100, 10);
    }
  }

  @Test
  void roundRobinSkipsABackendThatStopsAndNoWaitForReadyCallFails() throws Exception {
    ManagedChannel channel = grpc.register(Policy.ROUND_ROBIN.channel(resolver.target()));
    for (Backend backend : backends) {
      TestBackends.awaitServedBy(channel, backend.name());
    }
    var stub = BackendGrpc.newBlockingStub(channel).withWaitForReady();
    Spread before = new Spread();
    Spread during = new Spread();
    int failures = 0;

    CompletableFuture<Void> stopped = null;
    for (int i = 0; i < 600; i++) {
      if (i == 150) { // stop backend-2 (gracefully) while calls keep coming
        stopped = CompletableFuture.runAsync(() -> close(backends.get(1)));
      }
      try {
        String backend = stub.withDeadlineAfter(20, TimeUnit.SECONDS)
            .whoami(WhoamiRequest.getDefaultInstance()).getBackend();
        (stopped == null ? before : during).record(backend);
      } catch (StatusRuntimeException e) {
        failures++;
      }
    }
    stopped.get(20, TimeUnit.SECONDS);
    Spread after = TestBackends.call(channel, 300);

    log.info("round_robin, backend-2 stopped after call 150 of 600, then 300 more calls:\n"
        + after.histogram(TestBackends.names(backends)) + "failures: " + failures);
    assertEquals(0, failures, "with wait-for-ready no call fails while a backend stops");
    assertAbout(before, "backend-2", 50, 5);
    assertEquals(0, after.count("backend-2"), "a stopped backend is skipped: " + after);
    assertAbout(after, "backend-1", 150, 15);
    assertAbout(after, "backend-3", 150, 15);
  }

  @Test
  void theResolverPushesANewAddressListAndTheSpreadFollows() {
    resolver.update(TestBackends.addresses(backends.subList(0, 2)));
    ManagedChannel channel = grpc.register(Policy.ROUND_ROBIN.channel(resolver.target()));
    TestBackends.awaitServedBy(channel, "backend-1");
    TestBackends.awaitServedBy(channel, "backend-2");
    Spread first = TestBackends.call(channel, 300);

    resolver.update(TestBackends.addresses(backends.subList(1, 3))); // backend-1 out, 3 in
    TestBackends.awaitServedBy(channel, "backend-3");
    Spread second = TestBackends.call(channel, 300);

    log.info("round_robin over [1, 2]:\n" + first.histogram(TestBackends.names(backends))
        + "after the resolver pushed [2, 3]:\n" + second.histogram(TestBackends.names(backends)));
    assertAbout(first, "backend-1", 150, 15);
    assertAbout(first, "backend-2", 150, 15);
    assertEquals(0, first.count("backend-3"), first.toString());
    assertEquals(0, second.count("backend-1"), "removed from the list, no more calls: " + second);
    assertAbout(second, "backend-2", 150, 15);
    assertAbout(second, "backend-3", 150, 15);
  }

  private static void close(Backend backend) {
    try {
      backend.close();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
