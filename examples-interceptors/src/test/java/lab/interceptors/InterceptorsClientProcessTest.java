package lab.interceptors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import lab.common.LabServer;
import lab.testing.GrpcCleanupExtension;
import lab.testing.MainProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The real InterceptorsClient main in its own JVM, as the README's `--token wrong` line runs
 * it: refused, it exits 1. A JVM starts slowly on a busy box: a generous bound.
 */
class InterceptorsClientProcessTest {
  @RegisterExtension
  final GrpcCleanupExtension grpc = new GrpcCleanupExtension();

  @Test
  void theMainWithAWrongTokenPrintsTheRefusalAndExits1() throws Exception {
    LabServer server = InterceptorsServer.start(0,
        new MaintenanceInterceptor(Duration.ofSeconds(30)));
    grpc.register(server.server());
    try (MainProcess client = MainProcess.start(InterceptorsClient.class,
        "--target", "127.0.0.1:" + server.port(), "--token", "wrong")) {
      assertEquals(1, client.exitCode(Duration.ofSeconds(60)), client.out() + client.err());
      assertTrue(client.out().startsWith("say -> UNAUTHENTICATED: invalid bearer token;"),
          client.out());
      assertTrue(client.err().endsWith(
          "error: the call failed with UNAUTHENTICATED: invalid bearer token\n"), client.err());
    }
  }
}
