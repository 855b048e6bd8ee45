package lab.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ReloadingTls's own promise beyond rotation: close() stops watching the files. */
class ReloadingTlsTest {
  @TempDir
  Path dir;

  private final PeriodicTasks checks = new PeriodicTasks();

  @AfterEach
  void stopTheScheduler() throws InterruptedException {
    checks.shutdownNow();
    assertTrue(checks.awaitTermination(10, TimeUnit.SECONDS));
  }

  @Test
  void closingStopsTheChecksOfTheServersCertificateAndOfTheTrustedCa() throws Exception {
    TestPki pki = new TestPki(dir);
    var tls = new ReloadingTls(pki.server, pki.caFile, Duration.ofMinutes(1), checks);
    assertEquals(2, checks.scheduled.size(), "the certificate's check and the CA's");
    assertTrue(checks.scheduled.stream().noneMatch(p -> p.future().isCancelled()));

    tls.close();
    assertTrue(checks.scheduled.stream().allMatch(p -> p.future().isCancelled()),
        "both checks stopped: " + checks.scheduled);
  }
}
