package lab.interceptors;

import com.google.protobuf.ByteString;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.util.List;
import lab.idioms.FlowControlledWriter;
import lab.proto.interceptors.EchoGrpc;
import lab.proto.interceptors.EchoReply;
import lab.proto.interceptors.EchoRequest;

/**
 * A plain service that knows nothing about authentication, request ids or logging: the
 * interceptors around it do that. What they learned reaches it through the gRPC Context.
 *
 * <p>Flow control: SayMany writes at most {@link #MAX_TIMES} small replies, a bound small
 * enough to skip the isReady dance; Chat answers one reply per request, so it reads the next
 * request only once its reply can be written (as the video service's GetVideo does).
 */
public class EchoService extends EchoGrpc.EchoImplBase {
  static final int MAX_TIMES = 100;

  @Override
  public void say(EchoRequest request, StreamObserver<EchoReply> reply) {
    if (request.getText().isEmpty()) {
      reply.onError(Status.INVALID_ARGUMENT.withDescription("text must not be empty")
          .asRuntimeException());
      return;
    }
    reply.onNext(echo(request));
    reply.onCompleted();
  }

  @Override
  public void sayMany(EchoRequest request, StreamObserver<EchoReply> reply) {
    if (request.getTimes() < 0 || request.getTimes() > MAX_TIMES) {
      reply.onError(Status.INVALID_ARGUMENT.withDescription("times must be 0.." + MAX_TIMES
          + ", was " + request.getTimes()).asRuntimeException());
      return;
    }
    for (int i = 0; i < request.getTimes(); i++) {
      reply.onNext(echo(request));
    }
    reply.onCompleted();
  }

  @Override
  public StreamObserver<EchoRequest> chat(StreamObserver<EchoReply> reply) {
    var writer = FlowControlledWriter.installReadingOneAtATime(reply);
    return new StreamObserver<>() {
      @Override public void onNext(EchoRequest request) {
        writer.send(List.of(echo(request)).iterator());
        writer.readNextWhenReady();
      }
      @Override public void onError(Throwable t) {}
      @Override public void onCompleted() {
        writer.complete();
      }
    };
  }

  private static EchoReply echo(EchoRequest request) {
    String caller = LabMetadata.CALLER.get();
    String requestId = LabMetadata.CTX_REQUEST_ID.get();
    byte[] trace = LabMetadata.CTX_TRACE.get();
    return EchoReply.newBuilder().setText(request.getText())
        .setCaller(caller == null ? "anonymous" : caller)
        .setRequestId(requestId == null ? "" : requestId)
        .setTrace(trace == null ? ByteString.EMPTY : ByteString.copyFrom(trace))
        .build();
  }
}
