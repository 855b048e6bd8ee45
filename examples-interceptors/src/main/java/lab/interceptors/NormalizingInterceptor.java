package lab.interceptors;

import io.grpc.ForwardingServerCallListener.SimpleForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import lab.proto.interceptors.EchoRequest;

/**
 * Modifies each request before the handler sees it (the notes: "modify the request from the
 * client before processing"): trims the text and collapses runs of whitespace. The message
 * arrives through the listener the interceptor returns, so that is where it is rewritten.
 */
public final class NormalizingInterceptor implements ServerInterceptor {
  @Override
  public <Q, R> ServerCall.Listener<Q> interceptCall(
      ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
    return new SimpleForwardingServerCallListener<>(next.startCall(call, headers)) {
      @Override
      @SuppressWarnings("unchecked") // Q is EchoRequest whenever the instanceof holds
      public void onMessage(Q message) {
        if (message instanceof EchoRequest request) {
          String text = request.getText().strip().replaceAll("\\s+", " ");
          message = (Q) request.toBuilder().setText(text).build();
        }
        super.onMessage(message);
      }
    };
  }
}
