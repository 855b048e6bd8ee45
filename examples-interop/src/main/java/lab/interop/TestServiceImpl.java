package lab.interop;

import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.util.ArrayList;
import java.util.List;
import lab.proto.interop.EchoStatus;
import lab.proto.interop.Empty;
import lab.proto.interop.ResponseParameters;
import lab.proto.interop.SimpleRequest;
import lab.proto.interop.SimpleResponse;
import lab.proto.interop.StreamingInputCallRequest;
import lab.proto.interop.StreamingInputCallResponse;
import lab.proto.interop.StreamingOutputCallRequest;
import lab.proto.interop.StreamingOutputCallResponse;
import lab.proto.interop.TestServiceGrpc;

/**
 * grpc.testing.TestService as the interop spec's "Server features" describe it. UnimplementedCall
 * is left to the base class on purpose: it answers UNIMPLEMENTED (the unimplemented_method case).
 */
final class TestServiceImpl extends TestServiceGrpc.TestServiceImplBase {
  private static final Status NOT_COMPRESSED =
      Status.INVALID_ARGUMENT.withDescription(
          "expected a compressed request, got an uncompressed one");

  @Override
  public void emptyCall(Empty request, StreamObserver<Empty> replies) {
    replies.onNext(Empty.getDefaultInstance());
    replies.onCompleted();
  }

  @Override
  public void unaryCall(SimpleRequest request, StreamObserver<SimpleResponse> replies) {
    var call = (ServerCallStreamObserver<SimpleResponse>) replies;
    if (isError(request.getResponseStatus())) {
      replies.onError(echo(request.getResponseStatus()).asRuntimeException());
      return;
    }
    if (request.getExpectCompressed().getValue()
        && !InboundCompression.arrivedCompressed(0, request)) {
      replies.onError(NOT_COMPRESSED.asRuntimeException());
      return;
    }
    if (request.getResponseCompressed().getValue()) {
      call.setCompression("gzip");
    }
    replies.onNext(SimpleResponse.newBuilder()
        .setPayload(Payloads.zeros(request.getResponseSize())).build());
    replies.onCompleted();
  }

  @Override
  public void streamingOutputCall(StreamingOutputCallRequest request,
      StreamObserver<StreamingOutputCallResponse> replies) {
    ResponseStream stream = new ResponseStream(asServerCall(replies),
        ResponseStream.anyCompressed(request.getResponseParametersList()));
    stream.add(request.getResponseParametersList());
    stream.finish(
        isError(request.getResponseStatus()) ? echo(request.getResponseStatus()) : Status.OK);
  }

  @Override
  public StreamObserver<StreamingInputCallRequest> streamingInputCall(
      StreamObserver<StreamingInputCallResponse> replies) {
    return new StreamObserver<>() {
      private int seqNo;
      private int total;
      private boolean failed;

      @Override
      public void onNext(StreamingInputCallRequest request) {
        if (!failed && request.getExpectCompressed().getValue()
            && !InboundCompression.arrivedCompressed(seqNo, request)) {
          failed = true;
          replies.onError(NOT_COMPRESSED.asRuntimeException());
        }
        seqNo++;
        total += request.getPayload().getBody().size();
      }

      @Override
      public void onError(Throwable t) {
        // The client went away; nothing to answer.
      }

      @Override
      public void onCompleted() {
        if (!failed) {
          replies.onNext(StreamingInputCallResponse.newBuilder()
              .setAggregatedPayloadSize(total).build());
          replies.onCompleted();
        }
      }
    };
  }

  @Override
  public StreamObserver<StreamingOutputCallRequest> fullDuplexCall(
      StreamObserver<StreamingOutputCallResponse> replies) {
    // Replies may be compressed per message only if compression was chosen up front; the
    // first request is not known yet, so offer gzip whenever the client accepts it.
    ResponseStream stream = new ResponseStream(asServerCall(replies), true);
    return new StreamObserver<>() {
      @Override
      public void onNext(StreamingOutputCallRequest request) {
        stream.add(request.getResponseParametersList());
        if (isError(request.getResponseStatus())) {
          stream.finish(echo(request.getResponseStatus()));
        }
      }

      @Override
      public void onError(Throwable t) {}

      @Override
      public void onCompleted() {
        stream.finish(Status.OK);
      }
    };
  }

  @Override
  public StreamObserver<StreamingOutputCallRequest> halfDuplexCall(
      StreamObserver<StreamingOutputCallResponse> replies) {
    List<ResponseParameters> buffered = new ArrayList<>();
    return new StreamObserver<>() {
      @Override
      public void onNext(StreamingOutputCallRequest request) {
        buffered.addAll(request.getResponseParametersList());
      }

      @Override
      public void onError(Throwable t) {}

      @Override
      public void onCompleted() {
        ResponseStream stream = new ResponseStream(asServerCall(replies),
            ResponseStream.anyCompressed(buffered));
        stream.add(buffered);
        stream.finish(Status.OK);
      }
    };
  }

  private static boolean isError(EchoStatus status) {
    return status.getCode() != 0;
  }

  private static Status echo(EchoStatus status) {
    return Status.fromCodeValue(status.getCode()).withDescription(status.getMessage());
  }

  private static ServerCallStreamObserver<StreamingOutputCallResponse> asServerCall(
      StreamObserver<StreamingOutputCallResponse> replies) {
    return (ServerCallStreamObserver<StreamingOutputCallResponse>) replies;
  }
}
