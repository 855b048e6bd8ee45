package lab.loadbalancing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import java.util.Collections;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/**
 * backend-2 starts failing every second call with UNAVAILABLE while its health check still
 * says SERVING: client-side health checking cannot see it; outlier detection counts results.
 */
class OutlierDetectionTest extends ThreeBackendsTest {
  private static final Logger log = Logger.getLogger(OutlierDetectionTest.class.getName());

  @Test
  void withoutOutlierDetectionABackendFailingHalfItsCallsFailsOneCallInSix()
      throws Exception {
    ManagedChannel channel = grpc.register(Policy.ROUND_ROBIN.channel(resolver.target()));
    Callers sixAtATime = readyCallers(channel);
    backends.get(1).failOneCallIn(2);

    Callers.Tally tally = sixAtATime.run(100, 0);

    log.info("round_robin, backend-2 failing half its calls: " + tally.failures()
        + " of 600 calls failed");
    assertTrue(Math.abs(tally.failures() - 100) <= 15, tally.failures() + " failed, not 100");
    assertEquals(ServingStatus.SERVING, health(backends.get(1)), "its health still says SERVING");
  }

  @Test
  void outlierDetectionEjectsTheFailingBackendNoCallFailsThenItComesBackAfterTenSeconds()
      throws Exception {
    ManagedChannel channel = grpc.register(Policy.OUTLIER_DETECTION.channel(resolver.target()));
    Callers sixAtATime = readyCallers(channel);
    long failingSince = System.nanoTime();
    backends.get(1).failOneCallIn(2);

    // Call until 60 calls in a row avoided backend-2 and none failed (within 30 s).
    long calls = 0;
    long failures = 0;
    int clean = 0;
    while (clean < 60) {
      assertTrue(System.nanoTime() - failingSince < TimeUnit.SECONDS.toNanos(30),
          "backend-2 not ejected within 30 s; " + failures + " of " + calls + " calls failed");
      Callers.Tally round = sixAtATime.run(1, 0);
      calls += 6;
      failures += round.failures();
      boolean avoided = round.failures() == 0 && round.total().count("backend-2") == 0;
      clean = avoided ? clean + 6 : 0;
    }
    double ejectedAfter = (System.nanoTime() - failingSince) / 1e9;
    Callers.Tally after = sixAtATime.run(100, 0);

    log.info(String.format("outlier detection: ejected after %.1f s, %d of %d calls failed"
        + " until then; then %d of 600 failed, %d went to backend-2", ejectedAfter, failures,
        calls, after.failures(), after.total().count("backend-2")));
    assertEquals(0, after.failures(), "ejected: no call goes to the failing backend");
    assertEquals(0, after.total().count("backend-2"));

    backends.get(1).failOneCallIn(0); // fixed; it comes back once its ejection time is over
    TestBackends.awaitServedBy(channel, "backend-2", java.time.Duration.ofSeconds(60));
    double backAfter = (System.nanoTime() - failingSince) / 1e9;
    log.info(String.format("backend-2 served again %.1f s after it began to fail", backAfter));
    assertTrue(backAfter >= 10, "back after " + backAfter + " s, before its 10 s ejection");
  }

  private Callers readyCallers(ManagedChannel channel) {
    TestBackends.awaitEachServed(channel, backends);
    return new Callers(Collections.nCopies(6, channel));
  }

  private ServingStatus health(Backend backend) {
    ManagedChannel direct = grpc.register(ManagedChannelBuilder
        .forAddress("127.0.0.1", backend.port()).usePlaintext().build());
    return HealthGrpc.newBlockingStub(direct).withDeadlineAfter(20, TimeUnit.SECONDS)
        .check(HealthCheckRequest.newBuilder().setService(Backend.SERVICE).build()).getStatus();
  }
}
