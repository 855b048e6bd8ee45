package lab.interop;

import static lab.interop.ServerUnderTest.CALL_BOUND;

import io.grpc.stub.StreamObserver;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import lab.proto.interop.Empty;
import lab.proto.interop.ResponseParameters;
import lab.proto.interop.SimpleRequest;
import lab.proto.interop.SimpleResponse;
import lab.proto.interop.StreamingInputCallRequest;
import lab.proto.interop.StreamingInputCallResponse;
import lab.proto.interop.StreamingOutputCallRequest;
import lab.proto.interop.StreamingOutputCallResponse;

/** The four call shapes, each as the spec's case for it: sizes in, sizes out, in order. */
final class BasicCases {
  static final int[] REQUEST_SIZES = {27182, 8, 1828, 45904};
  static final int[] REPLY_SIZES = {31415, 9, 2653, 58979};

  private BasicCases() {}

  static void emptyUnary(ServerUnderTest server) {
    Empty reply = server.blocking().emptyCall(Empty.getDefaultInstance());
    Expect.that(reply != null, "EmptyCall returned null");
    Expect.equal(0, reply.getSerializedSize(), "reply size");
  }

  static SimpleRequest largeRequest() {
    return SimpleRequest.newBuilder().setResponseSize(314159)
        .setPayload(Payloads.zeros(271828)).build();
  }

  static void checkLargeReply(SimpleResponse reply) {
    Expect.equal(314159, reply.getPayload().getBody().size(), "reply payload size");
    Expect.that(Payloads.isZeros(reply.getPayload(), 314159), "reply payload is not all zeros");
  }

  static void largeUnary(ServerUnderTest server) {
    checkLargeReply(server.blocking().unaryCall(largeRequest()));
  }

  static void clientStreaming(ServerUnderTest server) throws Exception {
    Recorder<StreamingInputCallResponse> replies = new Recorder<>();
    StreamObserver<StreamingInputCallRequest> requests = server.async().streamingInputCall(replies);
    for (int size : REQUEST_SIZES) {
      requests.onNext(
          StreamingInputCallRequest.newBuilder().setPayload(Payloads.zeros(size)).build());
    }
    requests.onCompleted();
    List<StreamingInputCallResponse> all = replies.awaitOk(CALL_BOUND);
    Expect.equal(1, all.size(), "replies");
    Expect.equal(74922, all.get(0).getAggregatedPayloadSize(), "aggregated_payload_size");
  }

  static void serverStreaming(ServerUnderTest server) {
    StreamingOutputCallRequest.Builder request = StreamingOutputCallRequest.newBuilder();
    for (int size : REPLY_SIZES) {
      request.addResponseParameters(ResponseParameters.newBuilder().setSize(size));
    }
    List<Integer> sizes = new ArrayList<>();
    Iterator<StreamingOutputCallResponse> replies =
        server.blocking().streamingOutputCall(request.build());
    while (replies.hasNext()) {
      sizes.add(replies.next().getPayload().getBody().size());
    }
    Expect.equal(List.of(31415, 9, 2653, 58979), sizes, "reply sizes in order");
  }

  static void pingPong(ServerUnderTest server) throws Exception {
    Recorder<StreamingOutputCallResponse> replies = new Recorder<>();
    StreamObserver<StreamingOutputCallRequest> requests = server.async().fullDuplexCall(replies);
    for (int i = 0; i < REQUEST_SIZES.length; i++) {
      requests.onNext(StreamingOutputCallRequest.newBuilder()
          .addResponseParameters(ResponseParameters.newBuilder().setSize(REPLY_SIZES[i]))
          .setPayload(Payloads.zeros(REQUEST_SIZES[i])).build());
      // The next request goes only after this one's reply came back: ping, pong.
      Expect.equal(REPLY_SIZES[i], replies.next(CALL_BOUND).getPayload().getBody().size(),
          "reply " + i + " size");
    }
    requests.onCompleted();
    Expect.equal(4, replies.awaitOk(CALL_BOUND).size(), "replies");
  }

  static void emptyStream(ServerUnderTest server) throws Exception {
    Recorder<StreamingOutputCallResponse> replies = new Recorder<>();
    server.async().fullDuplexCall(replies).onCompleted();
    Expect.equal(0, replies.awaitOk(CALL_BOUND).size(), "replies");
  }
}
