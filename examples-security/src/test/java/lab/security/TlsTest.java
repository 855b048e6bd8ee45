package lab.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.TlsServerCredentials;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import lab.proto.video.Video;
import lab.proto.video.VideoServiceGrpc;
import lab.services.VideoService;
import lab.services.VideoStore;
import lab.testing.GrpcCleanupExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Server-authenticated TLS, and the mistake learners make most: a plaintext client. */
class TlsTest {
  @RegisterExtension
  final GrpcCleanupExtension grpc = new GrpcCleanupExtension();
  @TempDir
  Path dir;

  private TestPki pki;
  private final CallCounter handled = new CallCounter();
  private int port;

  @BeforeEach
  void startATlsServer() throws Exception {
    pki = new TestPki(dir);
    var tls = TlsServerCredentials.newBuilder()
        .keyManager(pki.server.certificate().toFile(), pki.server.key().toFile()).build();
    Server server = grpc.register(SecureServers.start(0, tls, List.of(handled),
        new VideoService(new VideoStore()).bindService()));
    port = server.getPort();
  }

  @Test
  void aClientThatTrustsTheServersCaCallsOverTls() throws Exception {
    assertEquals("1", add(channel(TestPki.tls(pki.caFile, null)), "1"));
    assertEquals(1, handled.calls.get());
  }

  @Test
  void aPlaintextClientGetsUnavailableAndTheServerKeepsServing() throws Exception {
    ManagedChannel plaintext = channel(InsecureChannelCredentials.create());
    StatusRuntimeException e = assertThrows(StatusRuntimeException.class,
        () -> add(plaintext, "1"));
    assertEquals(Status.Code.UNAVAILABLE, e.getStatus().getCode(), e.toString());
    assertEquals(0, handled.calls.get(), "no call reached a handler");

    assertEquals("2", add(channel(TestPki.tls(pki.caFile, null)), "2"), "still serving TLS");
    assertEquals(1, handled.calls.get());
  }

  @Test
  void aClientThatDoesNotTrustTheServersCaRefusesToTalk() throws Exception {
    StatusRuntimeException e = assertThrows(StatusRuntimeException.class,
        () -> add(channel(TestPki.tls(pki.otherCaFile, null)), "1"));
    assertEquals(Status.Code.UNAVAILABLE, e.getStatus().getCode(), e.toString());
    assertEquals(0, handled.calls.get());
  }

  private ManagedChannel channel(io.grpc.ChannelCredentials credentials) {
    return grpc.register(TestPki.channel(port, credentials));
  }

  private static String add(ManagedChannel channel, String id) {
    return VideoServiceGrpc.newBlockingStub(channel).withDeadlineAfter(30, TimeUnit.SECONDS)
        .addVideo(Video.newBuilder().setId(id).setTitle("t").build()).getVideo().getId();
  }
}
