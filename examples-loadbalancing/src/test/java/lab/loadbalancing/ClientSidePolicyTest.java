package lab.loadbalancing;

import static lab.loadbalancing.TestBackends.assertAbout;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.grpc.ManagedChannel;
import java.util.Collections;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/** One channel, three backend addresses from our resolver: the policy decides the spread. */
class ClientSidePolicyTest extends ThreeBackendsTest {
  private static final Logger log = Logger.getLogger(ClientSidePolicyTest.class.getName());

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
  void roundRobinSkipsABackendThatStopsGracefullyAndNoCallFailsEvenWithoutRetry()
      throws Exception {
    ManagedChannel channel = grpc.register(Policy.ROUND_ROBIN.channel(resolver.target()));
    for (Backend backend : backends) {
      TestBackends.awaitServedBy(channel, backend.name());
    }
    // Six calls at a time, 20 ms each, on the one channel: some are always in flight on
    // backend-2 when it stops. No wait-for-ready, no retry policy.
    Callers sixAtATime = new Callers(Collections.nCopies(6, channel));
    Callers.Tally before = sixAtATime.run(25, 20);

    CompletableFuture<Void> stopped = CompletableFuture.runAsync(() -> close(backends.get(1)));
    Callers.Tally during = sixAtATime.run(50, 20);
    stopped.get(20, TimeUnit.SECONDS);
    Callers.Tally after = sixAtATime.run(50, 20);

    log.info("round_robin, backend-2 stopped: before " + before.total() + ", while stopping "
        + during.total() + ", after:\n" + after.total().histogram(TestBackends.names(backends))
        + "failed calls: " + (before.failures() + during.failures()
        + after.failures()));
    assertAbout(before.total(), "backend-2", 50, 5);
    assertEquals(0, before.failures() + during.failures() + after.failures(),
        "a graceful stop finishes the calls it has; new calls go elsewhere");
    assertEquals(0, after.total().count("backend-2"), "a stopped backend is skipped");
    assertAbout(after.total(), "backend-1", 150, 15);
    assertAbout(after.total(), "backend-3", 150, 15);
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
