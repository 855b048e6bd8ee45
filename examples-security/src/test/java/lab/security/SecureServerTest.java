package lab.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.io.FileInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import lab.testing.LogCapture;
import lab.common.Flags;
import lab.proto.security.WhoAmIGrpc;
import lab.proto.security.WhoAmIRequest;
import lab.testing.GrpcCleanupExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * What SecureServer's main does with its flags before it blocks (SecureServer.serve): where
 * the PKI goes and what is in it, what --mtls means, the line the tour waits for, and
 * --rotate-seconds.
 */
class SecureServerTest {
  @RegisterExtension
  final GrpcCleanupExtension grpc = new GrpcCleanupExtension();
  @TempDir
  Path pki;

  private final PeriodicTasks scheduler = new PeriodicTasks();
  private SecureServer.Running running;

  @AfterEach
  void stopTheServer() throws InterruptedException {
    if (running != null) {
      running.tls().close();
    }
    scheduler.shutdownNow();
    assertTrue(scheduler.awaitTermination(10, TimeUnit.SECONDS));
  }

  @Test
  void withMtlsAClientWithoutACertificateIsRefusedAndAliceIsServed() throws Exception {
    serve("--mtls");
    StatusRuntimeException e = assertThrows(StatusRuntimeException.class,
        () -> whoAmI(channel("none")));
    assertEquals(Status.Code.UNAVAILABLE, e.getStatus().getCode(), e.toString());
    assertEquals("CN=alice", whoAmI(channel("alice")));
  }

  @Test
  void itLogsWhereItListensTheWayTheTourAndTheDocsRunnerWaitForIt() throws Exception {
    try (LogCapture logged = LogCapture.attach(Level.INFO, SecureServer.class.getName())) {
      serve("--mtls");
      assertTrue(logged.messages().stream().anyMatch(line -> line.startsWith(
          "Listening on 127.0.0.1:" + running.server().getPort() + " (MUTUAL_TLS")),
          "" + logged.messages());
    }
  }

  @Test
  void thePkiGoesToThePkiDirectoryWithoutTheCaKeyWithOwnerOnlyKeysAndP256() throws Exception {
    serve("--mtls");
    for (String name : List.of("ca.crt", "server.crt", "alice.crt", "bob.crt", "stranger.crt")) {
      assertTrue(Files.exists(pki.resolve(name)), name);
    }
    assertFalse(Files.exists(pki.resolve("ca.key")), "the CA key stays in the server process");
    for (String key : List.of("server.key", "alice.key", "bob.key", "stranger.key")) {
      assertEquals("rw-------", PosixFilePermissions.toString(
          Files.getPosixFilePermissions(pki.resolve(key))), key);
    }
    assertEquals(256, ((ECPublicKey) certificate("server.crt").getPublicKey()).getParams()
        .getCurve().getField().getFieldSize(), "EC P-256");
  }

  @Test
  void withRotateSecondsItWritesServer2ThenServer3IntoTheSameFilesEveryNSeconds()
      throws Exception {
    serve("--rotate-seconds", "20");
    assertEquals("CN=server-1", subject("server.crt"));
    PeriodicTasks.Periodic renewal = scheduler.runNow(Duration.ofSeconds(20));
    assertEquals(Duration.ofSeconds(20), Duration.ofNanos(renewal.unit().toNanos(
        renewal.initialDelay())), "the first renewal after N seconds too");
    assertEquals("CN=server-2", subject("server.crt"));
    scheduler.runNow(Duration.ofSeconds(20));
    assertEquals("CN=server-3", subject("server.crt"));
  }

  private void serve(String... flags) throws Exception {
    String[] args = new String[flags.length + 4];
    System.arraycopy(new String[] {"--port", "0", "--pki", pki.toString()}, 0, args, 0, 4);
    System.arraycopy(flags, 0, args, 4, flags.length);
    running = SecureServer.serve(Flags.parse(SecureServer.USAGE, args), scheduler);
    grpc.register(running.server());
  }

  private ManagedChannel channel(String cert) throws Exception {
    return grpc.register(TestPki.channel(running.server().getPort(),
        SecureClient.tls(pki, cert)));
  }

  private static String whoAmI(ManagedChannel channel) {
    return WhoAmIGrpc.newBlockingStub(channel)
        .withCallCredentials(BearerToken.of(VideoLabAuth.ALICE_TOKEN))
        .withDeadlineAfter(30, TimeUnit.SECONDS).get(WhoAmIRequest.getDefaultInstance())
        .getCertificateSubject();
  }

  private X509Certificate certificate(String name) throws Exception {
    try (var in = new FileInputStream(pki.resolve(name).toFile())) {
      return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
    }
  }

  private String subject(String name) throws Exception {
    return certificate(name).getSubjectX500Principal().getName();
  }
}
