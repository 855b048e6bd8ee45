package lab.streaming;

import static lab.testing.Ports.freePort;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.ManagedChannelBuilder;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import lab.common.LabServer;
import lab.proto.video.Video;
import lab.proto.video.VideoRequest;
import lab.proto.video.VideoServiceGrpc;
import lab.services.VideoService;
import lab.services.VideoStore;
import lab.testing.GrpcCleanupExtension;
import lab.testing.MainProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The streaming lesson's mains, run as a newcomer runs them (own JVM), each mistake answered in
 * one or two lines with a non-zero exit. Generous bounds: a JVM starts slowly on a loaded box.
 */
class NewcomerMistakesTest {
  private static final Duration EXIT = Duration.ofSeconds(60);
  private static final String START_SERVER = "./run examples-streaming VideoServer";

  @RegisterExtension
  final GrpcCleanupExtension grpc = new GrpcCleanupExtension();

  @Test
  void chatAfterAnErrorStatusPrintsItAndExits1WithoutWaitingForTheNextId() throws Exception {
    LabServer server = LabServer.onPort(0).addService(new VideoService(new VideoStore())).start();
    grpc.register(server.server());
    try (MainProcess chat = MainProcess.start(VideoClient.class, "--chat",
        "--target", "127.0.0.1:" + server.port())) {
      chat.stdin().write("9\n".getBytes(StandardCharsets.UTF_8));
      chat.stdin().flush(); // and left open: the user has not pressed Ctrl-D
      assertEquals(1, chat.exitCode(EXIT));
      assertTrue(chat.out().contains("<- NOT_FOUND: no video with id \"9\"\n"), chat.out());
      assertEquals("error: the call failed with NOT_FOUND: no video with id \"9\"\n", chat.err());
    }
  }

  @Test
  void chatWithNoServerExits1NamingTheAddressAndHowToStartTheServer() throws Exception {
    int port = freePort();
    try (MainProcess chat = MainProcess.start(VideoClient.class, "--chat",
        "--target", "127.0.0.1:" + port)) {
      assertEquals(1, chat.exitCode(EXIT));
      assertEquals("error: cannot reach 127.0.0.1:" + port + " (connection refused): is the"
          + " server running? Start it with: " + START_SERVER + "\n", chat.err());
    }
  }

  @Test
  void aMisspelledFlagIsRejectedWithTheMainsUsage() throws Exception {
    try (MainProcess client = MainProcess.start(VideoClient.class, "--targt", "localhost:1")) {
      assertEquals(2, client.exitCode(EXIT));
      assertEquals("error: unknown flag --targt\n" + VideoClient.USAGE + "\n", client.err());
    }
  }

  @Test
  void aTargetWithASchemeIsRejectedWithTheMainsUsage() throws Exception {
    try (MainProcess client = MainProcess.start(VideoClient.class,
        "--target", "http://localhost:50051")) {
      assertEquals(2, client.exitCode(EXIT));
      assertEquals("error: --target takes HOST:PORT without a scheme (the lab's servers are"
          + " plaintext gRPC, not http), got: http://localhost:50051\n" + VideoClient.USAGE
          + "\n", client.err());
    }
  }

  @Test
  void aPortThatIsNotANumberIsRejectedWithTheMainsUsage() throws Exception {
    try (MainProcess server = MainProcess.start(VideoServer.class, "--port", "abc")) {
      assertEquals(2, server.exitCode(EXIT));
      assertEquals("error: --port takes a whole number, got: abc\n" + VideoServer.USAGE + "\n",
          server.err());
    }
  }

  @Test
  void aServerStartedTwiceOnOnePortSaysThePortIsTakenAndHowToPickAnother() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"));
        MainProcess server = MainProcess.start(VideoServer.class,
            "--port", "" + taken.getLocalPort())) {
      assertEquals(1, server.exitCode(EXIT));
      assertEquals("error: port " + taken.getLocalPort() + " on 127.0.0.1 is already in use (is"
          + " this server already running?). Pick another with --port N (--port 0 picks any"
          + " free port).\n", server.err());
    }
  }

  @Test
  void ctrlCSaysHowManyCallsDrainAndForHowLongAndASecondCtrlCForcesTheStop() throws Exception {
    try (MainProcess server = MainProcess.start(VideoServer.class, "--sample", "--port", "0")) {
      int port = Integer.parseInt(server.await("Listening on 127\\.0\\.0\\.1:(\\d+)", EXIT));
      var channel = grpc.register(
          ManagedChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build());
      var reply = new CompletableFuture<Video>();
      var ended = new CompletableFuture<Status>();
      StreamObserver<VideoRequest> open = VideoServiceGrpc.newStub(channel).getVideo(
          new StreamObserver<>() {
            @Override public void onNext(Video v) {
              reply.complete(v);
            }
            @Override public void onError(Throwable t) {
              ended.complete(Status.fromThrowable(t));
            }
            @Override public void onCompleted() {
              ended.complete(Status.OK);
            }
          });
      open.onNext(VideoRequest.newBuilder().setId("100").build());
      assertEquals("100", reply.get(30, TimeUnit.SECONDS).getId()); // the stream is open

      server.interrupt();
      server.await("Shutting down: health NOT_SERVING, draining 1 call\\(s\\) in flight for at"
          + " most 15 s \\(Ctrl-C again to force\\)\\.\\.\\.", EXIT);
      server.interrupt();
      assertEquals(130, server.exitCode(EXIT));
      assertTrue(server.err().contains("Forced: cancelling 1 call(s) now.\n"), server.err());
      // Forced, the stream is reset: the client sees CANCELLED. Had the server waited out its
      // 10 s grace instead, the call would have ended UNAVAILABLE "server shutting down".
      Status clientSaw = ended.get(30, TimeUnit.SECONDS);
      assertEquals(Status.Code.CANCELLED, clientSaw.getCode(), clientSaw.toString());
    }
  }
}
