package lab.loadbalancing;

import static lab.loadbalancing.TestBackends.assertAbout;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.ManagedChannel;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/**
 * Backend load reports (ORCA) and weighted_round_robin: backend-1 is made busy, reporting 4x
 * the CPU per call of the others. It answers as fast as they do; only its reports differ.
 */
class WeightedRoundRobinTest extends ThreeBackendsTest {
  private static final Logger log = Logger.getLogger(WeightedRoundRobinTest.class.getName());

  @Test
  void roundRobinGivesABusyBackendAThirdOfTheCallsAsIfItWereIdle() {
    backends.get(0).setBusy(4);
    ManagedChannel channel = grpc.register(Policy.ROUND_ROBIN.channel(resolver.target()));
    TestBackends.awaitEachServed(channel, backends);

    Spread spread = TestBackends.call(channel, 900);

    log.info("round_robin, backend-1 busy, 900 calls:\n" + spread.histogram());
    for (Backend backend : backends) {
      assertAbout(spread, backend.name(), 300, 30);
    }
  }

  @Test
  void weightedRoundRobinGivesTheBusyBackendAQuarterOfTheShareOfEachOther() {
    Spread spread = busySpread(Policy.WEIGHTED_ROUND_ROBIN);

    log.info("weighted_round_robin (per-call reports), backend-1 busy, 900 calls:\n"
        + spread.histogram());
    assertBusyGetsAQuarter(spread);
  }

  @Test
  void theSameWeightsArriveOutOfBandOnAStreamOfTheirOwn() {
    Spread spread = busySpread(Policy.WEIGHTED_ROUND_ROBIN_OUT_OF_BAND);

    log.info("weighted_round_robin (out-of-band reports), backend-1 busy, 900 calls:\n"
        + spread.histogram());
    assertBusyGetsAQuarter(spread);
  }

  /** Weights 1/4 : 1 : 1, so backend-1 should get 1/9 of the calls (100 of 900). */
  private static void assertBusyGetsAQuarter(Spread spread) {
    long busy = spread.count("backend-1");
    assertTrue(busy >= 50 && busy <= 160, "backend-1 served " + busy + " of 900; " + spread);
    assertAbout(spread, "backend-2", 400, 60);
    assertAbout(spread, "backend-3", 400, 60);
  }

  private Spread busySpread(Policy policy) {
    backends.get(0).setBusy(4);
    ManagedChannel channel = grpc.register(policy.channel(resolver.target()));
    TestBackends.awaitEachServed(channel, backends);
    // Until the reports arrive every weight is unknown, and the policy acts as round robin:
    // call in batches until a batch shows the weights at work (within 20 s).
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (TestBackends.call(channel, 90).count("backend-1") >= 18) {
      assertTrue(System.nanoTime() < deadline, "backend-1 still got a fifth after 20 s");
    }
    return TestBackends.call(channel, 900);
  }
}
