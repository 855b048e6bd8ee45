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
import lab.work.WorkRequests;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Split sends one reply per part; Collect answers once whatever the number of requests; Chat
 * stops at its first error.
 */
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

  private StreamCollector<WorkReply> split(WorkRequest request) {
    StreamCollector<WorkReply> replies = new StreamCollector<>();
    stub.split(request, replies);
    return replies;
  }

  @Test
  void splitSendsTheWorksReplyOncePerPartThenOk() throws Exception {
    StreamCollector<WorkReply> three = split(WorkRequest.newBuilder().setParts(3)
        .setPayload("abcd").build());
    assertEquals(Status.Code.OK, three.awaitStatus(WAIT).getCode());
    assertEquals(List.of(4, 4, 4),
        three.replies().stream().map(WorkReply::getPayloadSize).toList());

    StreamCollector<WorkReply> unset = split(WorkRequest.getDefaultInstance());
    assertEquals(Status.Code.OK, unset.awaitStatus(WAIT).getCode());
    assertEquals(1, unset.replies().size(), "no parts asked for is one part");
  }

  @Test
  void splitThatFailsOnPurposeSendsNothingAndEndsWithTheCodeAsked() throws Exception {
    StreamCollector<WorkReply> replies = split(WorkRequest.newBuilder().setParts(3)
        .setFailCode("NOT_FOUND").build());

    assertEquals(Status.Code.NOT_FOUND, replies.awaitStatus(WAIT).getCode());
    assertEquals(List.of(), replies.replies());
  }

  @Test
  void splitWritesOnlyWhatTheReaderAskedForAndTheRestWhenItAsksAgain() throws Exception {
    StreamCollector<WorkReply> reader = StreamCollector.readingOnly(1);
    stub.split(WorkRequest.newBuilder().setParts(WorkRequests.MAX_PARTS).build(), reader);

    reader.next(WAIT);
    ServerCallProbe.Call call = probe.nextCall(WAIT);
    assertTrue(call.awaitPause(WAIT), "Split found the call not ready and paused");
    assertEquals(1, call.sent.get(), "one reply asked for, one written, not "
        + WorkRequests.MAX_PARTS);

    reader.request(WorkRequests.MAX_PARTS);
    assertEquals(Status.Code.OK, reader.awaitStatus(WAIT).getCode());
    assertEquals(WorkRequests.MAX_PARTS, reader.replies().size(), "every part, once asked for");
  }
}
