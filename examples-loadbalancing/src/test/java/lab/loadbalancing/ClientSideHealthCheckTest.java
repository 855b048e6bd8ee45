package lab.loadbalancing;

import static lab.loadbalancing.TestBackends.assertAbout;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import lab.proto.loadbalancing.BackendGrpc;
import lab.proto.loadbalancing.WhoamiRequest;
import org.junit.jupiter.api.Test;

/**
 * Client-side health checking: with "healthCheckConfig" in the service config, the channel
 * keeps a grpc.health.v1 Watch open to every backend and round_robin picks only those that
 * say SERVING. The backend still accepts connections and calls; only the health answer changed.
 */
class ClientSideHealthCheckTest extends ThreeBackendsTest {
  private static final Logger log = Logger.getLogger(ClientSideHealthCheckTest.class.getName());

  @Test
  void withHealthCheckingABackendThatReportsNotServingGetsNoCallsThoughItStillAnswers() {
    ManagedChannel channel =
        grpc.register(Policy.ROUND_ROBIN_WITH_HEALTH.channel(resolver.target()));
    for (Backend backend : backends) {
      TestBackends.awaitServedBy(channel, backend.name());
    }

    backends.get(1).setServing(false);
    TestBackends.awaitAvoided(channel, "backend-2", 30); // the Watch stream carries the news
    Spread spread = TestBackends.call(channel, 300);

    log.info("round_robin + healthCheckConfig, backend-2 NOT_SERVING, 300 calls:\n"
        + spread.histogram(TestBackends.names(backends)));
    assertEquals(0, spread.count("backend-2"), spread.toString());
    assertAbout(spread, "backend-1", 150, 15);
    assertAbout(spread, "backend-3", 150, 15);
    assertEquals("backend-2", directCallTo(backends.get(1)),
        "NOT_SERVING is only what health says: the backend still accepts and serves calls");

    backends.get(1).setServing(true);
    TestBackends.awaitServedBy(channel, "backend-2"); // and it comes back when SERVING again
  }

  @Test
  void withoutHealthCheckingANotServingBackendKeepsGettingItsShare() {
    ManagedChannel channel = grpc.register(Policy.ROUND_ROBIN.channel(resolver.target()));
    for (Backend backend : backends) {
      TestBackends.awaitServedBy(channel, backend.name());
    }

    backends.get(1).setServing(false);
    Spread spread = TestBackends.call(channel, 300);

    log.info("round_robin without healthCheckConfig, backend-2 NOT_SERVING, 300 calls:\n"
        + spread.histogram(TestBackends.names(backends)));
    for (Backend backend : backends) {
      assertAbout(spread, backend.name(), 100, 10);
    }
  }

  private String directCallTo(Backend backend) {
    ManagedChannel direct = grpc.register(ManagedChannelBuilder
        .forAddress("127.0.0.1", backend.port()).usePlaintext().build());
    return BackendGrpc.newBlockingStub(direct).withDeadlineAfter(20, TimeUnit.SECONDS)
        .whoami(WhoamiRequest.getDefaultInstance()).getBackend();
  }
}
