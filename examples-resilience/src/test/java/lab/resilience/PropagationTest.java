package lab.resilience;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.Context;
import io.grpc.ServerInterceptors;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import lab.idioms.ReplyFuture;
import lab.proto.work.FrontendGrpc;
import lab.proto.work.WorkReply;
import lab.proto.work.WorkRequest;
import lab.testing.GrpcCleanupExtension;
import lab.testing.ServerCallProbe;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A client calls a frontend, which calls a backend: two servers, in process. */
class PropagationTest {
  @RegisterExtension
  final GrpcCleanupExtension grpc = new GrpcCleanupExtension();

  private final WorkLog backendLog = new WorkLog();
  private final ServerCallProbe backendProbe = new ServerCallProbe();
  private io.grpc.ManagedChannel frontend;

  @BeforeEach
  void startBackendAndFrontend() {
    var backend = grpc.startInProcess(b -> b.addService(
        ServerInterceptors.intercept(ResilienceServer.work(backendLog), backendProbe)));
    frontend = grpc.inProcessChannel(new FrontendService(backend.channel()));
  }

  @Test
  void theBackendSeesTheCallersDeadlineMinusTheTimeAlreadySpent() throws Exception {
    // withDeadlineAfter fixes the deadline now; spend 500 ms of it before calling.
    var stub = FrontendGrpc.newBlockingStub(frontend).withDeadlineAfter(3, TimeUnit.SECONDS);
    new CountDownLatch(1).await(500, TimeUnit.MILLISECONDS); // time passing, not an event

    long remaining = stub.run(WorkRequest.getDefaultInstance()).getDeadlineRemainingMs();
    // A frontend that gave its backend call a fresh 3 s would show ~3,000 here.
    assertTrue(remaining > 0 && remaining <= 2_500, "backend saw " + remaining + " ms left");
  }

  @Test
  void withoutADeadlineTheBackendSeesNone() {
    assertEquals(-1, FrontendGrpc.newBlockingStub(frontend)
        .run(WorkRequest.getDefaultInstance()).getDeadlineRemainingMs());
  }

  @Test
  void whenTheCallersDeadlinePassesTheBackendCallIsCancelledToo() throws Exception {
    var e = assertThrows(StatusRuntimeException.class, () -> FrontendGrpc.newBlockingStub(frontend)
        .withDeadlineAfter(300, TimeUnit.MILLISECONDS)
        .run(WorkRequest.newBuilder().setDelayMs(10_000).build()));

    assertEquals(Status.Code.DEADLINE_EXCEEDED, e.getStatus().getCode());
    assertNotNull(backendLog.cancellations().poll(5, TimeUnit.SECONDS),
        "the backend stopped working well before its 10 s");
  }

  @Test
  void aClientCancelReachesTheFrontendAndItsBackendCall() throws Exception {
    var result = new ReplyFuture<WorkReply>();
    Context.CancellableContext scope = Context.current().withCancellation();
    scope.run(() -> FrontendGrpc.newStub(frontend).run(
        WorkRequest.newBuilder().setDelayMs(10_000).build(), result));
    assertTrue(backendProbe.nextCall(Duration.ofSeconds(10)).awaitReceived(1, Duration.ofSeconds(10)),
        "the call reached the backend");
    assertTrue(!result.isDone(), "call ended early");

    scope.cancel(null);

    assertNotNull(backendLog.cancellations().poll(5, TimeUnit.SECONDS), "backend cancelled");
    var e = assertThrows(java.util.concurrent.ExecutionException.class,
        () -> result.get(5, TimeUnit.SECONDS));
    assertEquals(Status.Code.CANCELLED, Status.fromThrowable(e.getCause()).getCode());
  }

}
