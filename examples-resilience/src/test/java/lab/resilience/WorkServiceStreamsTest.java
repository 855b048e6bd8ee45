package lab.resilience;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.ServerInterceptors;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.util.List;
import lab.proto.work.WorkGrpc;
import lab.proto.work.WorkReply;
import lab.proto.work.WorkRequest;
import lab.testing.GrpcCleanupExtension;
import lab.testing.ServerCallProbe;
import lab.testing.StreamCollector;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Collect answers once whatever the number of requests; Chat stops at its first error. */
class WorkServiceStreamsTest {
  private static final Duration WAIT = Duration.ofSeconds(10);

  @RegisterExtension
  final GrpcCleanupExtension grpc = new GrpcCleanupExtension();
  private final ServerCallProbe probe = new ServerCallProbe();
  private WorkGrpc.WorkStub stub;

  @BeforeEach
  void start() {
    var service = ServerInterceptors.intercept(ResilienceServer.work(new WorkLog()), probe);
    stub = WorkGrpc.newStub(grpc.startInProcess(b -> b.addService(service)).channel());
  }

  private List<WorkReply> collect(int... payloadSizes) throws Exception {
    StreamCollector<WorkReply> reply = new StreamCollector<>();
    StreamObserver<WorkRequest> requests = stub.collect(reply);
    for (int size : payloadSizes) {
      requests.onNext(WorkRequest.newBuilder().setPayload("x".repeat(size))
          .build());
    }
    requests.onCompleted();
    return reply.awaitReplies(WAIT);
  }

  @Test
  void collectOfNoRequestsAnswersOnceWithZeroBytes() throws Exception {
    List<WorkReply> replies = collect();
    assertEquals(1, replies.size());
    assertEquals(0, replies.get(0).getPayloadSize());
  }

  @Test
  void collectOfOneRequestAnswersOnceWithItsBytes() throws Exception {
    assertEquals(List.of(7), collect(7).stream().map(WorkReply::getPayloadSize).toList());
  }

  @Test
  void collectOfManyRequestsAnswersOnceWithTheirTotal() throws Exception {
    assertEquals(List.of(60), collect(10, 20, 30).stream().map(WorkReply::getPayloadSize).toList());
  }

  @Test
  void chatEndsWithTheFirstErrorAndWritesNothingAfterIt() throws Exception {
    StreamCollector<WorkReply> replies = new StreamCollector<>();
    StreamObserver<WorkRequest> requests = stub.chat(replies);
    requests.onNext(WorkRequest.newBuilder().setPayload("ok").build());
    requests.onNext(WorkRequest.newBuilder().setDelayMs(-1).build()); // INVALID_ARGUMENT
    requests.onNext(WorkRequest.getDefaultInstance());
    requests.onCompleted();

    Status status = replies.awaitStatus(WAIT);
    assertEquals(Status.Code.INVALID_ARGUMENT, status.getCode());
    assertEquals(List.of(2), replies.replies().stream().map(WorkReply::getPayloadSize).toList());
    ServerCallProbe.Call call = probe.nextCall(WAIT);
    assertTrue(call.awaitClosed(WAIT), "the service itself ended the call");
    assertEquals(Status.Code.INVALID_ARGUMENT, call.closedWith().getCode());
    assertEquals(1, call.sent.get(), "only the reply before the error was written");
  }
}
