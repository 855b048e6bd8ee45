package lab.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.nio.file.Path;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import lab.proto.security.Identity;
import lab.proto.security.WhoAmIGrpc;
import lab.proto.security.WhoAmIRequest;
import lab.proto.video.Video;
import lab.proto.video.VideoServiceGrpc;
import lab.testing.GrpcCleanupExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Mutual TLS as {@code SecureServer --mtls} runs it: the server checks the client's certificate
 * too, and the handler sees who. Every call carries alice's valid token, so a refusal here is
 * the certificate's doing, not the token check's.
 */
class MutualTlsTest {
  @RegisterExtension
  final GrpcCleanupExtension grpc = new GrpcCleanupExtension();
  @TempDir
  Path pki;

  private SecureLab lab;

  @BeforeEach
  void startTheLabWithMutualTls() throws Exception {
    lab = new SecureLab(grpc, pki, SecureServer.Protection.MUTUAL_TLS,
        Executors.newSingleThreadScheduledExecutor());
  }

  @AfterEach
  void stopTheLab() throws InterruptedException {
    lab.close();
  }

  @Test
  void theClientCertificatesSubjectReachesTheHandler() throws Exception {
    Identity me = whoAmI(lab.channel("alice"));
    assertEquals("CN=alice", me.getCertificateSubject());
    assertEquals("alice", me.getUser(), "and the token's user, checked separately");
  }

  @Test
  void aClientWithoutACertificateIsRefusedWithUnavailableAndTheServerKeepsServing()
      throws Exception {
    assertRefusedBeforeAnyHandler(lab.channel("none"));
    assertEquals("CN=alice", whoAmI(lab.channel("alice")).getCertificateSubject());
  }

  @Test
  void aClientWithACertificateFromAnotherCaIsRefusedWithUnavailableAndTheServerKeepsServing()
      throws Exception {
    assertRefusedBeforeAnyHandler(lab.channel("stranger"));
    assertEquals("CN=alice", whoAmI(lab.channel("alice")).getCertificateSubject());
  }

  /** AddVideo as alice (an editor): only the handshake can stop it, and nothing is stored. */
  private void assertRefusedBeforeAnyHandler(ManagedChannel channel) {
    var videos = VideoServiceGrpc.newBlockingStub(channel)
        .withCallCredentials(BearerToken.of(VideoLabAuth.ALICE_TOKEN))
        .withDeadlineAfter(30, TimeUnit.SECONDS);
    StatusRuntimeException e = assertThrows(StatusRuntimeException.class,
        () -> videos.addVideo(Video.newBuilder().setId("1").setTitle("t").build()));
    assertEquals(Status.Code.UNAVAILABLE, e.getStatus().getCode(), e.toString());
    assertEquals(0, lab.store.size(), "refused in the handshake: AddVideo's handler never ran");
  }

  private static Identity whoAmI(ManagedChannel channel) {
    return WhoAmIGrpc.newBlockingStub(channel)
        .withCallCredentials(BearerToken.of(VideoLabAuth.ALICE_TOKEN))
        .withDeadlineAfter(30, TimeUnit.SECONDS).get(WhoAmIRequest.getDefaultInstance());
  }
}
