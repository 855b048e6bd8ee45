package lab.interceptors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import lab.proto.interceptors.EchoGrpc;
import lab.proto.interceptors.EchoReply;
import lab.proto.interceptors.EchoRequest;
import lab.testing.GrpcCleanupExtension;
import lab.testing.StreamCollector;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ServerInterceptorsTest {
  @RegisterExtension
  final GrpcCleanupExtension grpc = new GrpcCleanupExtension();

  private EchoStackFixture server;

  @BeforeEach
  void start() {
    server = new EchoStackFixture(grpc);
  }

  private static EchoRequest text(String text) {
    return EchoRequest.newBuilder().setText(text).setTimes(2).build();
  }

  @Test
  void aMissingTokenIsUnauthenticatedAndTheHandlerNeverRuns() {
    var e = assertThrows(StatusRuntimeException.class,
        () -> EchoGrpc.newBlockingStub(server.as(null)).say(text("hi")));

    assertEquals(Status.Code.UNAUTHENTICATED, e.getStatus().getCode());
    assertEquals("missing bearer token (authorization: Bearer <token>)",
        e.getStatus().getDescription());
    assertEquals(0, server.service.handlerRuns.get());
  }

  @Test
  void aWrongTokenIsUnauthenticatedOnStreamsTooAndTheHandlerNeverRuns() throws Exception {
    StreamCollector<EchoReply> replies = new StreamCollector<>();
    StreamObserver<EchoRequest> chat = EchoGrpc.newStub(server.as("stolen")).chat(replies);
    chat.onNext(text("hi"));
    chat.onCompleted();

    Status status = replies.awaitStatus(Duration.ofSeconds(5));
    assertEquals(Status.Code.UNAUTHENTICATED, status.getCode());
    assertEquals("invalid bearer token", status.getDescription());
    assertEquals(0, server.service.handlerRuns.get());
  }

  @Test
  void aValidTokensIdentityReachesTheHandlerThroughTheContext() {
    assertEquals("alice", EchoGrpc.newBlockingStub(server.as("lab-token-alice"))
        .say(text("hi")).getCaller());
    assertEquals("bob", EchoGrpc.newBlockingStub(server.as("lab-token-bob"))
        .say(text("hi")).getCaller());
  }

  @Test
  void theNormalizingInterceptorRewritesTheRequestBeforeTheHandlerSeesIt() {
    EchoReply reply = EchoGrpc.newBlockingStub(server.as("lab-token-alice"))
        .say(text("  hello \t   world \n"));

    assertEquals("hello world", reply.getText());
  }

  @Test
  void maintenanceAnswersUnavailableWithARetryHintWithoutTheHandler() {
    server.maintenance.set(true);

    var e = assertThrows(StatusRuntimeException.class,
        () -> EchoGrpc.newBlockingStub(server.as("lab-token-alice")).say(text("hi")));

    assertEquals(Status.Code.UNAVAILABLE, e.getStatus().getCode());
    assertEquals("down for maintenance", e.getStatus().getDescription());
    assertEquals("30000", e.getTrailers().get(LabMetadata.RETRY_AFTER_MS));
    assertEquals(0, server.service.handlerRuns.get());

    server.maintenance.set(false);
    assertEquals("hi", EchoGrpc.newBlockingStub(server.as("lab-token-alice")).say(text("hi"))
        .getText());
  }

  @Test
  void theLoggingInterceptorRecordsMethodKindAndFinalStatusOfEveryCall() throws Exception {
    var stub = EchoGrpc.newBlockingStub(server.as("lab-token-alice"));
    stub.say(text("hi"));
    stub.sayMany(text("hi")).forEachRemaining(r -> { });
    StreamCollector<EchoReply> replies = new StreamCollector<>();
    StreamObserver<EchoRequest> chat = EchoGrpc.newStub(server.as("lab-token-alice"))
        .chat(replies);
    chat.onNext(text("hi"));
    chat.onCompleted();
    replies.awaitReplies(Duration.ofSeconds(5));
    assertThrows(StatusRuntimeException.class, () -> stub.sayMany(text("x").toBuilder()
        .setTimes(-1).build()).hasNext());
    assertThrows(StatusRuntimeException.class,
        () -> EchoGrpc.newBlockingStub(server.as(null)).say(text("hi")));

    assertEquals(5, server.log.size(), server.log.toString());
    assertTrue(server.log.get(0).startsWith("echo.Echo/Say UNARY OK "), server.log.get(0));
    assertTrue(server.log.get(1).startsWith("echo.Echo/SayMany SERVER_STREAMING OK "));
    assertTrue(server.log.get(2).startsWith("echo.Echo/Chat BIDI_STREAMING OK "));
    assertTrue(server.log.get(3).startsWith("echo.Echo/SayMany SERVER_STREAMING INVALID_ARGUMENT "));
    assertTrue(server.log.get(4).startsWith("echo.Echo/Say UNARY UNAUTHENTICATED "),
        "rejections by inner interceptors are logged too");
    assertTrue(server.log.get(0).matches(".* \\d+us"), "with a duration");
  }

  @Test
  void theLoggedDurationIsTheCallsTimeOnTheServerNoMoreThanTheClientWaited() {
    long start = System.nanoTime();
    EchoGrpc.newBlockingStub(server.as("lab-token-alice")).say(text("hi"));
    long clientMicros = TimeUnit.NANOSECONDS.toMicros(System.nanoTime() - start);

    // Logged when the server closes the call, so before the client has its reply.
    String line = server.log.get(0);
    long micros = Long.parseLong(line.substring(line.lastIndexOf(' ') + 1, line.length() - 2));
    assertTrue(micros >= 0 && micros <= clientMicros,
        line + ", the client waited " + clientMicros + "us");
  }
}
