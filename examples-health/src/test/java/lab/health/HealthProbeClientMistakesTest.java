package lab.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
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
  void aWatchWithNoServerNamesTheAddressAndHowToStartTheServer() throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      port = socket.getLocalPort(); // closed at once: nothing listens there
    }
    try (MainProcess watch = MainProcess.start(HealthProbeClient.class,
        "--target", "127.0.0.1:" + port)) {
      assertEquals(1, watch.exitCode(EXIT));
      assertEquals("error: cannot reach 127.0.0.1:" + port + " (connection refused): is the"
          + " server running? Start it with: ./run examples-health HealthServer\n", watch.err());
    }
  }
}
