package lab.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.TlsServerCredentials;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import lab.proto.security.Identity;
import lab.proto.security.WhoAmIGrpc;
import lab.proto.security.WhoAmIRequest;
import lab.testing.GrpcCleanupExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Mutual TLS: the server checks the client's certificate too, and the handler sees who. */
class MutualTlsTest {
  @RegisterExtension
  final GrpcCleanupExtension grpc = new GrpcCleanupExtension();
  @TempDir
  Path dir;

  private TestPki pki;
  private final CallCounter handled = new CallCounter();
  private int port;

  @BeforeEach
  void startAServerThatRequiresClientCertificates() throws Exception {
    pki = new TestPki(dir);
    var mtls = TlsServerCredentials.newBuilder()
        .keyManager(pki.server.certificate().toFile(), pki.server.key().toFile())
        .trustManager(pki.caFile.toFile())
        .clientAuth(TlsServerCredentials.ClientAuth.REQUIRE)
        .build();
    Server server = grpc.register(SecureServers.start(0, mtls,
        List.of(new ClientCertificateIdentity(), handled), new WhoAmIService().bindService()));
    port = server.getPort();
  }

  @Test
  void theClientCertificatesSubjectReachesTheHandler() throws Exception {
    Identity me = whoAmI(TestPki.tls(pki.caFile, pki.alice));
    assertEquals("CN=alice", me.getCertificateSubject());
  }

  @Test
  void aClientWithoutACertificateIsRefusedAndTheServerKeepsServing() throws Exception {
    assertRefused(TestPki.tls(pki.caFile, null));
    assertEquals("CN=alice", whoAmI(TestPki.tls(pki.caFile, pki.alice)).getCertificateSubject());
    assertEquals(1, handled.calls.get());
  }

  @Test
  void aClientWithACertificateFromAnotherCaIsRefusedAndTheServerKeepsServing() throws Exception {
    assertRefused(TestPki.tls(pki.caFile, pki.stranger));
    assertEquals("CN=alice", whoAmI(TestPki.tls(pki.caFile, pki.alice)).getCertificateSubject());
    assertEquals(1, handled.calls.get());
  }

  private void assertRefused(io.grpc.ChannelCredentials credentials) {
    StatusRuntimeException e = assertThrows(StatusRuntimeException.class,
        () -> whoAmI(credentials));
    assertEquals(Status.Code.UNAVAILABLE, e.getStatus().getCode(), e.toString());
    assertEquals(0, handled.calls.get(), "refused in the handshake, before any handler");
  }

  private Identity whoAmI(io.grpc.ChannelCredentials credentials) {
    ManagedChannel channel = grpc.register(TestPki.channel(port, credentials));
    return WhoAmIGrpc.newBlockingStub(channel).withDeadlineAfter(30, TimeUnit.SECONDS)
        .get(WhoAmIRequest.getDefaultInstance());
  }
}
