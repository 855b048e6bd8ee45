package lab.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.TlsServerCredentials;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import lab.common.LabServer;
import lab.common.Main;
import lab.testing.GrpcCleanupExtension;
import lab.testing.SelfSigned;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** A TLS server is checked over TLS: trusting its CA (--ca), anything (--insecure), or not. */
class TlsTargetTest {
  @RegisterExtension
  final GrpcCleanupExtension grpc = new GrpcCleanupExtension();
  @TempDir
  Path dir;
  private SelfSigned certificate;
  private LabServer server;

  @BeforeEach
  void startTlsServer() throws Exception {
    certificate = SelfSigned.in(dir);
    server = LabServer.onPort(0).credentials(TlsServerCredentials.newBuilder()
        .keyManager(certificate.keyManagers().getKeyManagers()).build()).start();
    grpc.register(server.server());
  }

  @Test
  void trustingTheServersCertificateEveryBasicCheckRunsOverTlsAndPasses() throws Exception {
    Check.Result result = Checks.run("--target", "localhost:" + server.port(), "--ca",
        certificate.certificatePem().toString(), "--only", "basics");
    assertEquals(List.of(), result.findings().stream()
        .filter(f -> f.verdict() == Verdict.WARN || f.verdict() == Verdict.FAIL).toList());
    assertEquals("over TLS, ALPN chooses h2 before any request",
        result.find("HTTP/1.1 refused").measured());
    assertEquals("HTTP 415, INTERNAL (13) \"Content-Type 'text/plain' is not supported\"",
        result.find("wrong content-type").measured());
    assertEquals(0, result.exitCode());
  }

  @Test
  void insecureTrustsAnyCertificateForAnyName() throws Exception {
    Check.Result result = Checks.run("--target", "127.0.0.1:" + server.port(), "--insecure",
        "--only", "basics");
    assertEquals(Verdict.PASS, result.find("health Check").verdict());
    assertEquals(0, result.exitCode());
  }

  @Test
  void aCertificateTheJdkDoesNotTrustEndsTheRunInOneLineNamingTheFlags() throws Exception {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = Main.exitCode(new String[] {"--target", "localhost:" + server.port(), "--tls"},
        Check.USAGE, null, f -> Check.run(f, System.out),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    String said = err.toString(StandardCharsets.UTF_8);
    assertEquals(Main.FAILED, code, said);
    assertTrue(said.startsWith("error: TLS handshake with localhost:" + server.port()
        + " failed: "), said);
    assertTrue(said.contains("--ca FILE"), said);
  }
}
