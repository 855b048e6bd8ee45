package lab.interop;

import static lab.interop.ServerUnderTest.CALL_BOUND;

import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.stub.MetadataUtils;
import io.grpc.stub.StreamObserver;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicReference;
import lab.proto.interop.EchoStatus;
import lab.proto.interop.Empty;
import lab.proto.interop.ResponseParameters;
import lab.proto.interop.SimpleRequest;
import lab.proto.interop.StreamingOutputCallRequest;
import lab.proto.interop.StreamingOutputCallResponse;
import lab.proto.interop.UnimplementedServiceGrpc;

/** What travels besides messages: metadata both ways, status codes and their messages. */
final class StatusAndMetadataCases {
  static final String INITIAL_VALUE = "test_initial_metadata_value";
  static final byte[] TRAILING_VALUE = {(byte) 0xab, (byte) 0xab, (byte) 0xab};
  static final String SPECIAL_MESSAGE =
      "\t\ntest with whitespace\r\nand Unicode BMP \u263A and non-BMP \uD83D\uDE08\t\n";

  private StatusAndMetadataCases() {}

  static void customMetadata(ServerUnderTest server) throws Exception {
    Metadata sent = new Metadata();
    sent.put(EchoMetadataInterceptor.ECHO_INITIAL, INITIAL_VALUE);
    sent.put(EchoMetadataInterceptor.ECHO_TRAILING, TRAILING_VALUE);

    AtomicReference<Metadata> headers = new AtomicReference<>();
    AtomicReference<Metadata> trailers = new AtomicReference<>();
    BasicCases.checkLargeReply(server.blocking().withInterceptors(
        MetadataUtils.newAttachHeadersInterceptor(sent),
        MetadataUtils.newCaptureMetadataInterceptor(headers, trailers))
        .unaryCall(BasicCases.largeRequest()));
    checkEchoed("UnaryCall", headers.get(), trailers.get());

    headers.set(null);
    trailers.set(null);
    Recorder<StreamingOutputCallResponse> replies = new Recorder<>();
    StreamObserver<StreamingOutputCallRequest> requests = server.async().withInterceptors(
        MetadataUtils.newAttachHeadersInterceptor(sent),
        MetadataUtils.newCaptureMetadataInterceptor(headers, trailers))
        .fullDuplexCall(replies);
    requests.onNext(StreamingOutputCallRequest.newBuilder()
        .addResponseParameters(ResponseParameters.newBuilder().setSize(314159))
        .setPayload(Payloads.zeros(271828)).build());
    requests.onCompleted();
    Expect.equal(1, replies.awaitOk(CALL_BOUND).size(), "FullDuplexCall replies");
    checkEchoed("FullDuplexCall", headers.get(), trailers.get());
  }

  private static void checkEchoed(String call, Metadata headers, Metadata trailers) {
    Expect.that(headers != null && trailers != null, call + ": no headers or trailers captured");
    Expect.equal(INITIAL_VALUE, headers.get(EchoMetadataInterceptor.ECHO_INITIAL),
        call + " initial metadata x-grpc-test-echo-initial");
    byte[] trailing = trailers.get(EchoMetadataInterceptor.ECHO_TRAILING);
    Expect.that(Arrays.equals(TRAILING_VALUE, trailing),
        call + " trailing metadata x-grpc-test-echo-trailing-bin: expected ababab but was "
            + (trailing == null ? "absent" : java.util.HexFormat.of().formatHex(trailing)));
  }

  static void statusCodeAndMessage(ServerUnderTest server) throws Exception {
    EchoStatus echo = EchoStatus.newBuilder().setCode(2).setMessage("test status message").build();
    Status unary = Expect.failsWith(Status.Code.UNKNOWN, () -> server.blocking()
        .unaryCall(SimpleRequest.newBuilder().setResponseStatus(echo).build()), "UnaryCall");
    Expect.equal("test status message", unary.getDescription(), "UnaryCall status message");

    Recorder<StreamingOutputCallResponse> replies = new Recorder<>();
    StreamObserver<StreamingOutputCallRequest> requests = server.async().fullDuplexCall(replies);
    requests.onNext(StreamingOutputCallRequest.newBuilder().setResponseStatus(echo).build());
    requests.onCompleted();
    Status duplex = replies.awaitClose(CALL_BOUND);
    Expect.equal(Status.Code.UNKNOWN, duplex.getCode(), "FullDuplexCall status code");
    Expect.equal("test status message", duplex.getDescription(), "FullDuplexCall status message");
  }

  static void specialStatusMessage(ServerUnderTest server) {
    EchoStatus echo = EchoStatus.newBuilder().setCode(2).setMessage(SPECIAL_MESSAGE).build();
    Status status = Expect.failsWith(Status.Code.UNKNOWN, () -> server.blocking()
        .unaryCall(SimpleRequest.newBuilder().setResponseStatus(echo).build()), "UnaryCall");
    Expect.equal(SPECIAL_MESSAGE, status.getDescription(), "status message, whitespace included");
  }

  static void unimplementedMethod(ServerUnderTest server) {
    Expect.failsWith(Status.Code.UNIMPLEMENTED,
        () -> server.blocking().unimplementedCall(Empty.getDefaultInstance()),
        "TestService/UnimplementedCall");
  }

  static void unimplementedService(ServerUnderTest server) {
    Expect.failsWith(Status.Code.UNIMPLEMENTED,
        () -> UnimplementedServiceGrpc.newBlockingStub(server.channel())
            .withDeadlineAfter(CALL_BOUND.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)
            .unimplementedCall(Empty.getDefaultInstance()),
        "UnimplementedService/UnimplementedCall");
  }
}
