package lab.health;

import static lab.testing.Ports.freePort;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.ConnectivityState;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthGrpc;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import lab.testing.MainProcess;
import org.junit.jupiter.api.Test;

/** HealthProbeClient run as a user runs it: when the server goes away it says so in one line. */
class HealthProbeClientMistakesTest {
  private static final Duration EXIT = Duration.ofSeconds(60);

  @Test
  void aWatchWhoseServerShutsDownEndsWithOneLineNotACancelledTrace() throws Exception {
    HealthServer.Running running = HealthServer.start(0, 2);
    try (MainProcess watch = MainProcess.start(HealthProbeClient.class,
        "--target", "127.0.0.1:" + running.server().port())) {
      watch.await("status: SERVING", EXIT);
      running.server().server().shutdownNow(); // what left the uncaught CANCELLED trace
      assertEquals(1, watch.exitCode(EXIT));
      assertTrue(watch.out().matches("(?s)status: SERVING\nwatch ended: the server went away"
          + " \\((CANCELLED|UNAVAILABLE)[^\n]*\\)\n"), watch.out());
      assertFalse(watch.err().contains("Exception"), watch.err());
    } finally {
      running.server().server().shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
      running.shutdownExecutors();
    }
  }

  @Test
  void aProbeConnectsBeforeItsDeadlineStartsSoTheCheckGetsAllOfIt() throws Exception {
    HealthServer.Running running = HealthServer.start(0, 2);
    ManagedChannel channel = ManagedChannelBuilder
        .forAddress("127.0.0.1", running.server().port()).usePlaintext().build();
    try {
      assertEquals(ConnectivityState.IDLE, channel.getState(false), "a new channel is idle");
      assertEquals(ConnectivityState.READY, HealthProbeClient.awaitConnection(channel, 60_000));
      assertEquals(0, HealthProbeClient.probeOnce(HealthGrpc.newBlockingStub(channel)
          .withDeadlineAfter(10, TimeUnit.SECONDS), HealthCheckRequest.getDefaultInstance(),
          System.out));
    } finally {
      channel.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
      running.server().server().shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
      running.shutdownExecutors();
    }
  }

  @Test
  void aProbeWithNoServerFailsAtOnceInsteadOfWaitingOutItsConnectBound()
      throws Exception {
    int port = freePort();
    // A refused connection settles the wait (TRANSIENT_FAILURE), long before the bound.
    ManagedChannel channel = ManagedChannelBuilder.forAddress("127.0.0.1", port)
        .usePlaintext().build();
    try {
      assertEquals(ConnectivityState.TRANSIENT_FAILURE,
          HealthProbeClient.awaitConnection(channel, 600_000));
    } finally {
      channel.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
    }
    try (MainProcess probe = MainProcess.start(HealthProbeClient.class,
        "--once", "--target", "127.0.0.1:" + port)) {
      // A probe that gets no answer fails (exit 1), like grpc_health_probe, in one line.
      assertEquals(1, probe.exitCode(EXIT));
      assertTrue(probe.out().startsWith("probe failed: UNAVAILABLE"), probe.out());
      assertFalse(probe.err().contains("Exception"), probe.err());
    }
  }

  @Test
  void aWatchWithNoServerNamesTheAddressAndHowToStartTheServer() throws Exception {
    int port = freePort();
    try (MainProcess watch = MainProcess.start(HealthProbeClient.class,
        "--target", "127.0.0.1:" + port)) {
      assertEquals(1, watch.exitCode(EXIT));
      assertEquals("error: cannot reach 127.0.0.1:" + port + " (connection refused): is the"
          + " server running? Start it with: ./run examples-health HealthServer\n", watch.err());
    }
  }
}
