package lab.resilience;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import lab.proto.work.FrontendGrpc;
import lab.proto.work.WorkGrpc;
import lab.proto.work.WorkReply;
import lab.proto.work.WorkRequest;
import lab.testing.GrpcCleanupExtension;
import lab.testing.StreamCollector;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * How the Work service and the Frontend end a call they cannot do: at once, with the status
 * that says why. Each call has a 10 s deadline, so an error reply that went missing shows as
 * DEADLINE_EXCEEDED instead of the expected code.
 */
class WorkServiceFailuresTest {
  @RegisterExtension
  final GrpcCleanupExtension grpc = new GrpcCleanupExtension();
  private static final Duration WAIT = Duration.ofSeconds(10);
  private ManagedChannel channel;

  @BeforeEach
  void start() {
    var backend = grpc.startInProcess(b -> b.addService(ResilienceServer.work(new WorkLog())));
    channel = backend.channel();
    frontend = FrontendGrpc.newBlockingStub(grpc.startInProcess(
        b -> b.addService(new FrontendService(backend.channel()))).channel());
  }

  private FrontendGrpc.FrontendBlockingStub frontend;

  private WorkGrpc.WorkBlockingStub work() {
    return WorkGrpc.newBlockingStub(channel).withDeadlineAfter(10, TimeUnit.SECONDS);
  }

  @Test
  void theLongestAllowedDelayIsAcceptedAndOneMoreIsInvalidArgument() {
    var longest = assertThrows(StatusRuntimeException.class, () -> WorkGrpc
        .newBlockingStub(channel).withDeadlineAfter(200, TimeUnit.MILLISECONDS)
        .run(WorkRequest.newBuilder().setDelayMs(WorkService.MAX_DELAY_MS).build()));
    assertEquals(Status.Code.DEADLINE_EXCEEDED, longest.getStatus().getCode(),
        "accepted: the work started, and the caller's deadline ended it");

    var tooLong = assertThrows(StatusRuntimeException.class, () -> work()
        .run(WorkRequest.newBuilder().setDelayMs(WorkService.MAX_DELAY_MS + 1).build()));
    assertEquals(Status.Code.INVALID_ARGUMENT, tooLong.getStatus().getCode());
  }

  @Test
  void aFailCodeThatIsNoStatusCodeIsInvalidArgumentNamingIt() {
    var e = assertThrows(StatusRuntimeException.class, () -> work().run(WorkRequest.newBuilder()
        .setFailFirstAttempts(1).setFailCode("NO_SUCH_CODE").build()));

    assertEquals(Status.Code.INVALID_ARGUMENT, e.getStatus().getCode());
    assertEquals("unknown fail_code NO_SUCH_CODE", e.getStatus().getDescription());
  }

  @Test
  void aCollectWithABadRequestEndsAtOnceWithItsError() throws Exception {
    StreamCollector<WorkReply> reply = new StreamCollector<>();
    StreamObserver<WorkRequest> requests = WorkGrpc.newStub(channel)
        .withDeadlineAfter(10, TimeUnit.SECONDS).collect(reply);
    requests.onNext(WorkRequest.newBuilder().setDelayMs(-1).build());

    Status status = reply.awaitStatus(WAIT); // before the client even half-closes
    assertEquals(Status.Code.INVALID_ARGUMENT, status.getCode());
    requests.onCompleted();
  }

  @Test
  void aChatTheClientHalfClosesEndsOkAfterItsReplies() throws Exception {
    StreamCollector<WorkReply> reply = new StreamCollector<>();
    StreamObserver<WorkRequest> requests = WorkGrpc.newStub(channel)
        .withDeadlineAfter(10, TimeUnit.SECONDS).chat(reply);
    requests.onNext(WorkRequest.getDefaultInstance());
    requests.onNext(WorkRequest.getDefaultInstance());
    requests.onCompleted();

    assertEquals(2, reply.awaitReplies(WAIT).size());
    assertEquals(Status.Code.OK, reply.awaitStatus(WAIT).getCode());
  }

  @Test
  void theFrontendPassesTheBackendsErrorOnAsItCame() {
    var e = assertThrows(StatusRuntimeException.class, () -> frontend
        .withDeadlineAfter(10, TimeUnit.SECONDS).run(WorkRequest.newBuilder()
            .setFailFirstAttempts(1).setFailCode("PERMISSION_DENIED").build()));

    assertEquals(Status.Code.PERMISSION_DENIED, e.getStatus().getCode());
    assertEquals("failing attempt 1 on purpose", e.getStatus().getDescription());
  }
}
