package lab.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.InsecureChannelCredentials;
import io.grpc.InsecureServerCredentials;
import io.grpc.ManagedChannel;
import io.grpc.ServerInterceptors;
import io.grpc.ServerCredentials;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.TlsServerCredentials;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import lab.testing.LogCapture;
import lab.proto.security.WhoAmIGrpc;
import lab.proto.security.WhoAmIRequest;
import lab.proto.video.ListVideosRequest;
import lab.proto.video.Video;
import lab.proto.video.VideoServiceGrpc;
import lab.services.VideoService;
import lab.services.VideoStore;
import lab.testing.GrpcCleanupExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Bearer tokens through CallCredentials, checked by an interceptor before any handler. */
class TokenCredentialsTest {
  @RegisterExtension
  final GrpcCleanupExtension grpc = new GrpcCleanupExtension();
  @TempDir
  Path dir;

  private final CallCounter arrived = new CallCounter(); // outermost: every call that arrives
  private final CallCounter handled = new CallCounter(); // innermost: calls a handler ran for
  private final VideoStore store = new VideoStore();

  @Test
  void noTokenIsUnauthenticatedBeforeTheHandlerRuns() throws Exception {
    var videos = videos(tlsChannel());
    assertCode(Status.Code.UNAUTHENTICATED, () -> videos.listVideos(all()).hasNext());
    assertEquals(1, arrived.calls.get());
    assertEquals(0, handled.calls.get());
  }

  @Test
  void anUnknownTokenIsUnauthenticatedBeforeTheHandlerRuns() throws Exception {
    var videos = videos(tlsChannel())
        .withCallCredentials(BearerToken.of("guessed-token"));
    assertCode(Status.Code.UNAUTHENTICATED, () -> videos.listVideos(all()).hasNext());
    assertEquals(0, handled.calls.get());
  }

  @Test
  void aValidTokenWithoutTheRoleIsPermissionDeniedAndNothingIsAdded() throws Exception {
    var bob = videos(tlsChannel())
        .withCallCredentials(BearerToken.of(VideoLabAuth.BOB_TOKEN));
    assertCode(Status.Code.PERMISSION_DENIED, () -> bob.addVideo(video("1")));
    assertEquals(0, handled.calls.get());
    assertEquals(0, store.size());

    assertTrue(!bob.listVideos(all()).hasNext(), "bob may still read (viewer)");
    assertEquals(1, handled.calls.get());
  }

  @Test
  void aValidTokenWithTheRoleReachesTheHandlerWhichKnowsTheUser() throws Exception {
    ManagedChannel channel = tlsChannel();
    BearerToken alice = BearerToken.of(VideoLabAuth.ALICE_TOKEN);
    videos(channel).withCallCredentials(alice).addVideo(video("1"));
    assertEquals(1, store.size());
    assertEquals("alice", WhoAmIGrpc.newBlockingStub(channel).withDeadlineAfter(30, TimeUnit.SECONDS).withCallCredentials(alice)
        .get(WhoAmIRequest.getDefaultInstance()).getUser());
  }

  @Test
  void credentialsRefuseToSendTheTokenOverPlaintextUnlessAllowed() throws Exception {
    ManagedChannel plaintext = channel(InsecureServerCredentials.create(),
        InsecureChannelCredentials.create());
    BearerToken alice = BearerToken.of(VideoLabAuth.ALICE_TOKEN);
    StatusRuntimeException e = assertCode(Status.Code.UNAUTHENTICATED,
        () -> videos(plaintext).withCallCredentials(alice)
            .addVideo(video("1")));
    assertTrue(e.getStatus().getDescription().contains("security level NONE"), e.toString());
    assertEquals(0, arrived.calls.get(), "the call never left the client");

    videos(plaintext).withCallCredentials(alice.allowingPlaintext())
        .addVideo(video("1"));
    assertEquals(1, store.size(), "explicitly allowed: sent in clear text, and accepted");
  }

  /**
   * The interceptor closes the call and hands grpc-java a listener that ignores what the client
   * still sends (the request, its half-close). In process with a direct executor the server
   * has done all of that by the time the call returns, so an error it logged is there to see.
   */
  @Test
  void aRefusedCallEndsCleanlyWithNoErrorInTheServersLog() {
    try (LogCapture errors = LogCapture.attach(Level.WARNING, "io.grpc")) {
      ManagedChannel channel = grpc.startInProcess(server -> server.directExecutor()
          .addService(ServerInterceptors.intercept(new VideoService(store),
              VideoLabAuth.interceptor()))).channel();
      assertCode(Status.Code.UNAUTHENTICATED, () -> videos(channel).addVideo(video("1")));
      assertCode(Status.Code.UNAUTHENTICATED, () -> videos(channel)
          .withCallCredentials(BearerToken.of("guessed-token")).addVideo(video("1")));
      assertCode(Status.Code.PERMISSION_DENIED, () -> videos(channel)
          .withCallCredentials(BearerToken.of(VideoLabAuth.BOB_TOKEN)).addVideo(video("1")));
      assertEquals(List.of(), errors.messages());
    }
    assertEquals(0, store.size());
  }

  private ManagedChannel tlsChannel() throws Exception {
    TestPki pki = new TestPki(dir);
    ServerCredentials tls = TlsServerCredentials.newBuilder()
        .keyManager(pki.server.certificate().toFile(), pki.server.key().toFile()).build();
    return channel(tls, TestPki.tls(pki.caFile, null));
  }

  private ManagedChannel channel(ServerCredentials server, io.grpc.ChannelCredentials client)
      throws Exception {
    var started = grpc.register(SecureServers.start(0, server,
        List.of(arrived, VideoLabAuth.interceptor(), handled),
        new VideoService(store).bindService(), new WhoAmIService().bindService()).server());
    return grpc.register(TestPki.channel(started.getPort(), client));
  }

  private static StatusRuntimeException assertCode(Status.Code code,
      org.junit.jupiter.api.function.Executable call) {
    StatusRuntimeException e = assertThrows(StatusRuntimeException.class, call);
    assertEquals(code, e.getStatus().getCode(), e.toString());
    return e;
  }

  private static VideoServiceGrpc.VideoServiceBlockingStub videos(ManagedChannel channel) {
    return VideoServiceGrpc.newBlockingStub(channel).withDeadlineAfter(30, TimeUnit.SECONDS);
  }

  private static ListVideosRequest all() {
    return ListVideosRequest.getDefaultInstance();
  }

  private static Video video(String id) {
    return Video.newBuilder().setId(id).setTitle("t").build();
  }
}
