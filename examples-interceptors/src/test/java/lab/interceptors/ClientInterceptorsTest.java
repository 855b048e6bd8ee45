package lab.interceptors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.Context;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import lab.proto.interceptors.EchoGrpc;
import lab.proto.interceptors.EchoReply;
import lab.proto.interceptors.EchoRequest;
import lab.testing.GrpcCleanupExtension;
import lab.testing.StreamCollector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ClientInterceptorsTest {
  @RegisterExtension
  final GrpcCleanupExtension grpc = new GrpcCleanupExtension();

  private final EchoRequest hi = EchoRequest.newBuilder().setText("hi").setTimes(3).build();

  @Test
  void everyCallGetsItsOwnRequestIdHeader() {
    var fixture = new EchoStackFixture(grpc);
    AtomicInteger next = new AtomicInteger();
    var stub = EchoGrpc.newBlockingStub(fixture.as("lab-token-alice",
        new RequestIdInterceptor(() -> "req-" + next.incrementAndGet())));

    assertEquals("req-1", stub.say(hi).getRequestId());
    List<String> streamed = new ArrayList<>();
    stub.sayMany(hi).forEachRemaining(r -> streamed.add(r.getRequestId()));
    assertEquals(List.of("req-2", "req-2", "req-2"), streamed, "one id per call, not per message");
  }

  @Test
  void theRandomRequestIdIsAUuidNewForEveryCall() {
    var fixture = new EchoStackFixture(grpc);
    var stub = EchoGrpc.newBlockingStub(
        fixture.as("lab-token-alice", RequestIdInterceptor.random()));

    String first = stub.say(hi).getRequestId();
    String second = stub.say(hi).getRequestId();

    // UUID.fromString refuses anything that is not a UUID, an empty id included.
    assertEquals(first, UUID.fromString(first).toString());
    assertEquals(second, UUID.fromString(second).toString());
    assertNotEquals(first, second, "two calls, two ids");
  }

  @Test
  void theReplyRewriterChangesWhatTheCallerSeesForUnaryAndStreamingReplies() {
    var fixture = new EchoStackFixture(grpc);
    var stub = EchoGrpc.newBlockingStub(fixture.as("lab-token-alice",
        new ReplyRewritingInterceptor(r -> r.toBuilder().setText(r.getText().toUpperCase()).build())));

    assertEquals("HI", stub.say(hi).getText());
    stub.sayMany(hi).forEachRemaining(r -> assertEquals("HI", r.getText()));
  }

  @Test
  void theDeadlineInterceptorGivesUnaryCallsADeadlineAndLeavesStreamsOpenEnded()
      throws Exception {
    Map<String, Boolean> serverSawDeadline = new ConcurrentHashMap<>();
    var service = ServerInterceptors.intercept(new EchoService(), new ServerInterceptor() {
      @Override
      public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata h,
          ServerCallHandler<Q, R> next) {
        serverSawDeadline.put(call.getMethodDescriptor().getBareMethodName(),
            Context.current().getDeadline() != null);
        return next.startCall(call, h);
      }
    });
    var channel = io.grpc.ClientInterceptors.intercept(
        grpc.startInProcess(b -> b.addService(service)).channel(),
        new UnaryDeadlineInterceptor(Duration.ofSeconds(5)));

    EchoGrpc.newBlockingStub(channel).say(hi);
    StreamCollector<EchoReply> replies = new StreamCollector<>();
    StreamObserver<EchoRequest> chat = EchoGrpc.newStub(channel).chat(replies);
    chat.onCompleted();
    replies.awaitReplies(Duration.ofSeconds(5));

    assertTrue(serverSawDeadline.get("Say"), "unary call arrived with a deadline");
    assertFalse(serverSawDeadline.get("Chat"), "bidi stream arrived without one");
  }

  @Test
  void interceptorsChangeOnlyCallsMadeThroughTheChannelTheyWrap() {
    var fixture = new EchoStackFixture(grpc);
    var intercepted = EchoGrpc.newBlockingStub(fixture.as("lab-token-alice",
        new RequestIdInterceptor(() -> "req-1"),
        new ReplyRewritingInterceptor(r -> r.toBuilder().setText("HI").build())));
    var plain = EchoGrpc.newBlockingStub(fixture.as("lab-token-alice"));

    EchoReply changed = intercepted.say(hi); // same server, same connection, wrapped channel
    EchoReply reply = plain.say(hi);

    assertEquals("req-1", changed.getRequestId());
    assertEquals("HI", changed.getText());
    assertEquals("", reply.getRequestId(), "the plain channel's call carries no request id");
    assertNotEquals("HI", reply.getText(), "and its reply is not rewritten");
  }
}
