package lab.interop;

import static lab.interop.ServerUnderTest.CALL_BOUND;

import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.util.concurrent.TimeUnit;
import lab.proto.interop.ResponseParameters;
import lab.proto.interop.StreamingInputCallResponse;
import lab.proto.interop.StreamingOutputCallRequest;
import lab.proto.interop.StreamingOutputCallResponse;
import lab.proto.interop.TestServiceGrpc;

/** Calls that end early: cancelled by the client, or out of time. */
final class CancelCases {
  private CancelCases() {}

  static void cancelAfterBegin(ServerUnderTest server) throws Exception {
    Recorder<StreamingInputCallResponse> replies = new Recorder<>();
    server.async().streamingInputCall(replies);
    replies.cancel("cancel_after_begin");
    Expect.equal(Status.Code.CANCELLED, replies.awaitClose(CALL_BOUND).getCode(), "status code");
  }

  static void cancelAfterFirstResponse(ServerUnderTest server) throws Exception {
    Recorder<StreamingOutputCallResponse> replies = new Recorder<>();
    StreamObserver<StreamingOutputCallRequest> requests = server.async().fullDuplexCall(replies);
    requests.onNext(StreamingOutputCallRequest.newBuilder()
        .addResponseParameters(ResponseParameters.newBuilder().setSize(31415))
        .setPayload(Payloads.zeros(27182)).build());
    Expect.equal(31415, replies.next(CALL_BOUND).getPayload().getBody().size(), "first reply size");
    replies.cancel("cancel_after_first_response");
    Expect.equal(Status.Code.CANCELLED, replies.awaitClose(CALL_BOUND).getCode(), "status code");
  }

  static void timeoutOnSleepingServer(ServerUnderTest server) throws Exception {
    Recorder<StreamingOutputCallResponse> replies = new Recorder<>();
    StreamObserver<StreamingOutputCallRequest> requests = TestServiceGrpc.newStub(server.channel())
        .withDeadlineAfter(1, TimeUnit.MILLISECONDS).fullDuplexCall(replies);
    try {
      requests.onNext(StreamingOutputCallRequest.newBuilder()
          .setPayload(Payloads.zeros(27182)).build());
    } catch (IllegalStateException alreadyOver) {
      // 1 ms may be gone before the request is written: the call is over, as the case wants.
    }
    Expect.equal(Status.Code.DEADLINE_EXCEEDED, replies.awaitClose(CALL_BOUND).getCode(),
        "status code");
  }
}
