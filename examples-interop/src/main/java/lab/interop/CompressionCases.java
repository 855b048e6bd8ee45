package lab.interop;

import static lab.interop.ServerUnderTest.CALL_BOUND;

import io.grpc.Status;
import io.grpc.stub.ClientCallStreamObserver;
import java.util.Iterator;
import java.util.List;
import lab.proto.interop.BoolValue;
import lab.proto.interop.ResponseParameters;
import lab.proto.interop.SimpleRequest;
import lab.proto.interop.SimpleResponse;
import lab.proto.interop.StreamingInputCallRequest;
import lab.proto.interop.StreamingInputCallResponse;
import lab.proto.interop.StreamingOutputCallRequest;
import lab.proto.interop.StreamingOutputCallResponse;

/**
 * The compression cases. The request side is checked by the server (expect_compressed: it
 * fails an uncompressed message with INVALID_ARGUMENT), the reply side by the client (the
 * compressed flag of each reply, seen through {@link ReplyCompression}).
 */
final class CompressionCases {
  private CompressionCases() {}

  private static BoolValue bool(boolean value) {
    return BoolValue.newBuilder().setValue(value).build();
  }

  static void clientCompressedUnary(ServerUnderTest server) {
    SimpleRequest expectCompressed = BasicCases.largeRequest().toBuilder()
        .setExpectCompressed(bool(true)).build();
    // The probe: sent plain while claiming compression, the server must refuse it.
    Expect.failsWith(Status.Code.INVALID_ARGUMENT,
        () -> server.blocking().unaryCall(expectCompressed), "uncompressed probe");
    BasicCases.checkLargeReply(
        server.blocking().withCompression("gzip").unaryCall(expectCompressed));
    BasicCases.checkLargeReply(server.blocking().unaryCall(
        expectCompressed.toBuilder().setExpectCompressed(bool(false)).build()));
  }

  static void serverCompressedUnary(ServerUnderTest server) {
    for (boolean compressed : new boolean[] {true, false}) {
      ReplyCompression flags = new ReplyCompression();
      SimpleResponse reply = server.blocking().withInterceptors(flags).unaryCall(
          BasicCases.largeRequest().toBuilder().setResponseCompressed(bool(compressed)).build());
      Expect.equal(compressed, flags.compressed(0, reply),
          "compressed flag of the reply when response_compressed=" + compressed);
      BasicCases.checkLargeReply(reply);
    }
  }

  static void clientCompressedStreaming(ServerUnderTest server) throws Exception {
    StreamingInputCallRequest first = StreamingInputCallRequest.newBuilder()
        .setExpectCompressed(bool(true)).setPayload(Payloads.zeros(27182)).build();
    Recorder<StreamingInputCallResponse> probe = new Recorder<>();
    var plain = server.async().streamingInputCall(probe);
    plain.onNext(first);
    plain.onCompleted();
    Expect.equal(Status.Code.INVALID_ARGUMENT, probe.awaitClose(CALL_BOUND).getCode(),
        "uncompressed probe status code");

    Recorder<StreamingInputCallResponse> replies = new Recorder<>();
    var requests = (ClientCallStreamObserver<StreamingInputCallRequest>)
        server.async().withCompression("gzip").streamingInputCall(replies);
    requests.setMessageCompression(true);
    requests.onNext(first);
    requests.setMessageCompression(false);
    requests.onNext(StreamingInputCallRequest.newBuilder()
        .setExpectCompressed(bool(false)).setPayload(Payloads.zeros(45904)).build());
    requests.onCompleted();
    List<StreamingInputCallResponse> all = replies.awaitOk(CALL_BOUND);
    Expect.equal(73086, all.get(0).getAggregatedPayloadSize(), "aggregated_payload_size");
  }

  static void serverCompressedStreaming(ServerUnderTest server) {
    ReplyCompression flags = new ReplyCompression();
    Iterator<StreamingOutputCallResponse> replies = server.blocking().withInterceptors(flags)
        .streamingOutputCall(StreamingOutputCallRequest.newBuilder()
            .addResponseParameters(ResponseParameters.newBuilder()
                .setCompressed(bool(true)).setSize(31415))
            .addResponseParameters(ResponseParameters.newBuilder()
                .setCompressed(bool(false)).setSize(92653))
            .build());
    int[] sizes = {31415, 92653};
    boolean[] compressed = {true, false};
    int i = 0;
    for (; replies.hasNext(); i++) {
      StreamingOutputCallResponse reply = replies.next();
      Expect.that(i < 2, "more than two replies");
      Expect.equal(sizes[i], reply.getPayload().getBody().size(), "reply " + i + " size");
      Expect.equal(compressed[i], flags.compressed(i, reply), "reply " + i + " compressed flag");
    }
    Expect.equal(2, i, "replies");
  }
}
