package lab.resilience;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.Status;
import io.grpc.StatusException;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import lab.proto.work.WorkGrpc;
import lab.proto.work.WorkReply;
import lab.proto.work.WorkRequest;
import lab.testing.GrpcCleanupExtension;
import lab.testing.StreamCollector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class DeadlineTest {
  @RegisterExtension
  final GrpcCleanupExtension grpc = new GrpcCleanupExtension();

  private final WorkLog log = new WorkLog();
  private final WorkRequest slow = WorkRequest.newBuilder().setDelayMs(10_000).build();

  @Test
  void everyRpcKindEndsWithDeadlineExceededAndTheServerStopsItsWork() throws Exception {
    var channel = grpc.startInProcess(b -> b.addService(ResilienceServer.work(log))).channel();
    // withDeadlineAfter fixes an absolute deadline when the stub is made: one stub per call.
    assertDeadlineExceeded(() -> WorkGrpc.newBlockingStub(channel)
        .withDeadlineAfter(100, TimeUnit.MILLISECONDS).run(slow));
    assertDeadlineExceeded(() -> WorkGrpc.newBlockingStub(channel)
        .withDeadlineAfter(100, TimeUnit.MILLISECONDS).split(slow).next());
    assertDeadlineExceeded(() -> await(WorkGrpc.newStub(channel)
        .withDeadlineAfter(100, TimeUnit.MILLISECONDS)::collect));
    assertDeadlineExceeded(() -> await(WorkGrpc.newStub(channel)
        .withDeadlineAfter(100, TimeUnit.MILLISECONDS)::chat));

    for (int i = 0; i < 4; i++) {
      assertTrue(log.cancellations().poll(5, TimeUnit.SECONDS) != null,
          "the server saw call " + (i + 1) + " cancelled and stopped");
    }
  }

  private void assertDeadlineExceeded(Runnable call) {
    var e = assertThrows(StatusRuntimeException.class, call::run);
    assertEquals(Status.Code.DEADLINE_EXCEEDED, e.getStatus().getCode());
  }

  /** A client or bidi stream: sends the slow request (without half-closing) and waits. */
  private void await(java.util.function.Function<StreamObserver<WorkReply>,
      StreamObserver<WorkRequest>> start) {
    StreamCollector<WorkReply> replies = new StreamCollector<>();
    StreamObserver<WorkRequest> requests = start.apply(replies);
    requests.onNext(slow);
    try {
      replies.awaitReplies(Duration.ofSeconds(10));
    } catch (StatusException e) {
      throw e.getStatus().asRuntimeException();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }
}
