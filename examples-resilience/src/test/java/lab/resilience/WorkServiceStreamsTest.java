package lab.resilience;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import io.grpc.ServerInterceptors;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.util.List;
import lab.proto.resilience.WorkGrpc;
import lab.proto.resilience.WorkReply;
import lab.proto.resilience.WorkRequest;
import lab.testing.GrpcCleanupExtension;
import lab.testing.ServerCallProbe;
import lab.testing.StreamCollector;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Upload answers once whatever the number of requests; Exchange stops at its first error. */
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

  private List<WorkReply> upload(int... payloadSizes) throws Exception {
    StreamCollector<WorkReply> reply = new StreamCollector<>();
    StreamObserver<WorkRequest> requests = stub.upload(reply);
    for (int size : payloadSizes) {
      requests.onNext(WorkRequest.newBuilder().setPayload(ByteString.copyFrom(new byte[size]))
          .build());
    }
    requests.onCompleted();
    return reply.awaitReplies(WAIT);
  }

  @Test
  void uploadOfNoRequestsAnswersOnceWithZeroBytes() throws Exception {
    List<WorkReply> replies = upload();
    assertEquals(1, replies.size());
    assertEquals(0, replies.get(0).getPayloadBytes());
  }

  @Test
  void uploadOfOneRequestAnswersOnceWithItsBytes() throws Exception {
    assertEquals(List.of(7), upload(7).stream().map(WorkReply::getPayloadBytes).toList());
  }

  @Test
  void uploadOfManyRequestsAnswersOnceWithTheirTotal() throws Exception {
    assertEquals(List.of(60), upload(10, 20, 30).stream().map(WorkReply::getPayloadBytes).toList());
  }

  @Test
  void exchangeEndsWithTheFirstErrorAndWritesNothingAfterIt() throws Exception {
    StreamCollector<WorkReply> replies = new StreamCollector<>();
    StreamObserver<WorkRequest> requests = stub.exchange(replies);
    requests.onNext(WorkRequest.newBuilder().setPayload(ByteString.copyFromUtf8("ok")).build());
    requests.onNext(WorkRequest.newBuilder().setDelayMs(-1).build()); // INVALID_ARGUMENT
    requests.onNext(WorkRequest.getDefaultInstance());
    requests.onCompleted();

    Status status = replies.awaitStatus(WAIT);
    assertEquals(Status.Code.INVALID_ARGUMENT, status.getCode());
    assertEquals(List.of(2), replies.replies().stream().map(WorkReply::getPayloadBytes).toList());
    ServerCallProbe.Call call = probe.nextCall(WAIT);
    assertTrue(call.awaitClosed(WAIT), "the service itself ended the call");
    assertEquals(Status.Code.INVALID_ARGUMENT, call.closedWith().getCode());
    assertEquals(1, call.sent.get(), "only the reply before the error was written");
  }
}
