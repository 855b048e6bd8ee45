package lab.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Executors;
import lab.testing.GrpcCleanupExtension;
import lab.testing.MainProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real SecureClient main in its own JVM, as the tour runs it: a refused client's process
 * exits 1 (SecureClientTest covers each case in this JVM). A JVM starts slowly on a busy box.
 */
class SecureClientProcessTest {
  @RegisterExtension
  final GrpcCleanupExtension grpc = new GrpcCleanupExtension();
  @TempDir
  Path pki;

  @Test
  void theMainOfAClientWithoutACertificateExits1() throws Exception {
    try (SecureLab lab = new SecureLab(grpc, pki, SecureServer.Protection.MUTUAL_TLS,
        Executors.newSingleThreadScheduledExecutor());
        MainProcess client = MainProcess.start(SecureClient.class, "--target",
            "localhost:" + lab.port(), "--pki", pki.toString(), "--cert", "none")) {
      assertEquals(1, client.exitCode(Duration.ofSeconds(60)), client.out() + client.err());
      assertTrue(client.out().startsWith("WhoAmI: UNAVAILABLE "), client.out());
      assertTrue(client.err().contains("error: the call failed with UNAVAILABLE"), client.err());
    }
  }
}
