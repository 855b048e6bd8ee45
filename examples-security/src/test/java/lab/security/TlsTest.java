package lab.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.nio.file.Path;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import lab.proto.video.Video;
import lab.proto.video.VideoServiceGrpc;
import lab.testing.GrpcCleanupExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Server-authenticated TLS as {@code SecureServer} runs it without --mtls, and the mistake
 * learners make most: a plaintext client. Calls carry alice's token, so only TLS can refuse.
 */
class TlsTest {
  @RegisterExtension
  final GrpcCleanupExtension grpc = new GrpcCleanupExtension();
  @TempDir
  Path pki;
  @TempDir
  Path elsewhere;

  private SecureLab lab;

  @BeforeEach
  void startTheLabWithTls() throws Exception {
    lab = new SecureLab(grpc, pki, SecureServer.Protection.TLS,
        Executors.newSingleThreadScheduledExecutor());
  }

  @AfterEach
  void stopTheLab() throws InterruptedException {
    lab.close();
  }

  @Test
  void aClientThatTrustsTheServersCaCallsOverTlsWithoutACertificateOfItsOwn() throws Exception {
    assertEquals("1", add(lab.channel("none"), "1"));
    assertEquals(1, lab.store.size());
  }

  @Test
  void aPlaintextClientGetsUnavailableAndTheServerKeepsServing() throws Exception {
    ManagedChannel plaintext = grpc.register(TestPki.channel(lab.port(),
        InsecureChannelCredentials.create()));
    // allowingPlaintext: without it the credentials would refuse in the client, not the server
    StatusRuntimeException e = assertThrows(StatusRuntimeException.class,
        () -> VideoServiceGrpc.newBlockingStub(plaintext).withDeadlineAfter(30, TimeUnit.SECONDS)
            .withCallCredentials(BearerToken.of(VideoLabAuth.ALICE_TOKEN).allowingPlaintext())
            .addVideo(video("1")));
    assertEquals(Status.Code.UNAVAILABLE, e.getStatus().getCode(), e.toString());
    assertEquals(0, lab.store.size(), "no call reached a handler");

    assertEquals("2", add(lab.channel("none"), "2"), "still serving TLS");
    assertEquals(1, lab.store.size());
  }

  @Test
  void aClientThatDoesNotTrustTheServersCaRefusesToTalk() throws Exception {
    Pki.newCa("some other CA").write(elsewhere, "ca");
    ManagedChannel distrustful = grpc.register(TestPki.channel(lab.port(),
        SecureClient.tls(elsewhere, "none")));
    StatusRuntimeException e = assertThrows(StatusRuntimeException.class,
        () -> add(distrustful, "1"));
    assertEquals(Status.Code.UNAVAILABLE, e.getStatus().getCode(), e.toString());
    assertEquals(0, lab.store.size());
  }

  private static String add(ManagedChannel channel, String id) {
    return VideoServiceGrpc.newBlockingStub(channel).withDeadlineAfter(30, TimeUnit.SECONDS)
        .withCallCredentials(BearerToken.of(VideoLabAuth.ALICE_TOKEN))
        .addVideo(video(id)).getVideo().getId();
  }

  private static Video video(String id) {
    return Video.newBuilder().setId(id).setTitle("t").build();
  }
}
