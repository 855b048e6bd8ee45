package lab.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import lab.common.LabServer;
import lab.proto.work.WorkReply;
import lab.proto.work.WorkRequest;
import lab.testing.GrpcCleanupExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The grpc-timeout header alone gives a call its deadline: the server enforces it. */
class GrpcTimeoutTest {
  private static final String RUN = "/lab.work.Work/Run";

  @RegisterExtension
  final GrpcCleanupExtension grpc = new GrpcCleanupExtension();

  /** How the server-side Context of the call ended. */
  private final CompletableFuture<Status> serverSaw = new CompletableFuture<>();
  private RawGrpcClient client;

  @BeforeEach
  void connect() throws Exception {
    ServerInterceptor watchContext = new ServerInterceptor() {
      @Override
      public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
          ServerCallHandler<Q, R> next) {
        Context context = Context.current();
        context.addListener(c -> serverSaw.complete(Contexts.statusFromCancelled(c)),
            Runnable::run);
        return Contexts.interceptCall(context, call, headers, next);
      }
    };
    LabServer server = LabServer.onPort(0).addService(new WorkService())
        .intercept(watchContext).start();
    grpc.register(server.server());
    client = RawGrpcClient.connect("127.0.0.1", server.port(), null, Duration.ofSeconds(30));
  }

  @AfterEach
  void disconnect() throws InterruptedException {
    client.close();
  }

  @Test
  void aGrpcTimeoutShorterThanTheWorkEndsTheCallWithDeadlineExceeded() throws Exception {
    // 60 s of work, and the reply is awaited for at most 30: it can only arrive in time if the
    // 200 ms timeout ended the call.
    RawResponse reply = client.call(RUN, Map.of("grpc-timeout", "200m"), // 200 ms
        List.of(work(60_000))).get(30, TimeUnit.SECONDS);

    assertEquals(Status.Code.DEADLINE_EXCEEDED,
        serverSaw.get(10, TimeUnit.SECONDS).getCode(), "the handler's Context");
    // On the wire grpc-java ends it with RST_STREAM CANCEL and no grpc-status; a gRPC client
    // knows its own deadline and reports DEADLINE_EXCEEDED.
    assertEquals(8, reply.resetCode(), "RST_STREAM error code CANCEL");
    assertNull(reply.grpcStatus());
  }

  @Test
  void aGrpcTimeoutLongerThanTheWorkLetsTheCallFinish() throws Exception {
    RawResponse reply = client.call(RUN, Map.of("grpc-timeout", "30S"), List.of(work(50)))
        .get(30, TimeUnit.SECONDS);
    assertEquals(0, reply.grpcStatus());
    assertEquals(50, WorkReply.parseFrom(reply.messages().get(0)).getWorkedMs());
  }

  @Test
  void theReadmesHandTypedRequestIsSixtySecondsOfWork() throws Exception {
    // The README's curl sends `08 e0 d4 03` by hand: field 1 (delay_ms) as a varint, 60000.
    byte[] typed = {0x08, (byte) 0xe0, (byte) 0xd4, 0x03};
    assertArrayEquals(typed, work(60_000));
    assertEquals(60_000, WorkRequest.parseFrom(typed).getDelayMs());
  }

  private static byte[] work(int delayMs) {
    return WorkRequest.newBuilder().setDelayMs(delayMs).build().toByteArray();
  }
}
