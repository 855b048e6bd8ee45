package lab.wire;

import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;

/**
 * Makes a streaming reply leave one message per DATA frame, so the transcript is the same on
 * every run. By default grpc-java lets a call buffer 32 KiB before {@code isReady()} turns
 * false, and Netty merges messages queued together into one DATA frame: how many messages
 * share a frame then depends on thread timing. With a ready threshold of one byte, a
 * flow-controlled service (the lab's all are) writes its next message only after the previous
 * one has left. A lesson prop, not a production setting: it costs a thread hop per message.
 */
public final class FrameEachMessage implements ServerInterceptor {
  @Override
  public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
      ServerCallHandler<Q, R> next) {
    call.setOnReadyThreshold(1);
    return next.startCall(call, headers);
  }
}
