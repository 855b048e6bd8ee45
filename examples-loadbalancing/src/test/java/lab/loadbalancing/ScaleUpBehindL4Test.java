package lab.loadbalancing;

import static lab.testing.Ports.freePort;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;
import lab.testing.GrpcCleanupExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Scaling up behind an L4 proxy: clients connected through nginx's stream proxy to three
 * backends; a fourth backend starts and nginx is reloaded with it, as a Kubernetes Service
 * gains an endpoint. Only new connections can reach it, so without maxConnectionAge it gets
 * nothing; with it, every connection is drained and re-made in turn and the new backend gets
 * its share. Calls take 20 ms so that calls are in flight whenever a connection is drained.
 */
class ScaleUpBehindL4Test {
  private static final Logger log = Logger.getLogger(ScaleUpBehindL4Test.class.getName());
  private static final int CLIENTS = 8;
  private static final int CALL_MS = 20;
  private static final Duration MAX_AGE = Duration.ofSeconds(1);
  private static final Duration GRACE = Duration.ofSeconds(10);

  @RegisterExtension
  final GrpcCleanupExtension grpc = new GrpcCleanupExtension();

  @Test
  void withoutMaxConnectionAgeANewBackendBehindAnL4ProxyGetsNoCalls() throws Exception {
    Result result = scaleUp(null, null);

    assertEquals(0, result.after.total().count("backend-4"),
        "no connection is ever re-made, so none reaches backend-4: " + result.after.total());
    assertEquals(0, result.failures());
  }

  @Test
  void withMaxConnectionAgeTheNewBackendGetsItsFairShareAndNoCallFails() throws Exception {
    Result result = scaleUp(MAX_AGE, GRACE);

    double share = (double) result.after.total().count("backend-4") / result.after.total().total();
    assertTrue(share >= 0.125 && share <= 0.40, "backend-4's share of the calls after "
        + "every connection was re-made: " + share + " (fair: 0.25); " + result.after.total());
    assertEquals(0, result.failures(), "draining a connection fails none of its calls");
  }

  private record Result(Callers.Tally before, Callers.Tally settling, Callers.Tally after) {
    long failures() {
      return before.failures() + settling.failures() + after.failures();
    }
  }

  private Result scaleUp(Duration maxAge, Duration grace) throws Exception {
    List<Backend> backends = TestBackends.start(grpc, 1, 3, maxAge, grace);
    try (NginxProxy nginx = NginxProxy.start(RequiredNginx.binary(true), NginxProxy.Mode.L4,
        freePort(), TestBackends.addresses(backends))) {
      List<ManagedChannel> channels = new ArrayList<>();
      for (int i = 0; i < CLIENTS; i++) {
        channels.add(grpc.register(
            ManagedChannelBuilder.forTarget(nginx.target()).usePlaintext().build()));
      }
      Callers callers = new Callers(channels);
      Callers.Tally before = callers.run(20, CALL_MS); // every client connected

      backends.addAll(TestBackends.start(grpc, 4, 1, maxAge, grace));
      nginx.reload(TestBackends.addresses(backends));
      // Long enough for every connection to pass its max age (1 s +-10%) twice over.
      Callers.Tally settling = callers.runFor(MAX_AGE.multipliedBy(3), CALL_MS);
      Callers.Tally after = callers.runFor(Duration.ofSeconds(4), CALL_MS);

      log.info("L4, " + CLIENTS + " clients, maxConnectionAge " + maxAge + ": before backend-4 "
          + before.total() + "; settling " + settling.total() + "; then " + after.rounds()
          + " rounds:\n" + after.total().histogram(TestBackends.names(backends))
          + "failed calls: " + (before.failures() + settling.failures()
          + after.failures()));
      return new Result(before, settling, after);
    }
  }
}
