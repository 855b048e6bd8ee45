package lab.interceptors;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ForwardingClientCall.SimpleForwardingClientCall;
import io.grpc.ForwardingClientCallListener.SimpleForwardingClientCallListener;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import java.util.function.UnaryOperator;
import lab.proto.interceptors.EchoReply;

/**
 * Changes what the caller sees (the notes: "the response can be modified if desired"): every
 * EchoReply passes through {@code rewrite} before it reaches the stub, for unary replies and
 * each message of a stream alike — they all arrive through the listener's onMessage.
 */
public final class ReplyRewritingInterceptor implements ClientInterceptor {
  private final UnaryOperator<EchoReply> rewrite;

  public ReplyRewritingInterceptor(UnaryOperator<EchoReply> rewrite) {
    this.rewrite = rewrite;
  }

  @Override
  public <Q, R> ClientCall<Q, R> interceptCall(
      MethodDescriptor<Q, R> method, CallOptions options, Channel next) {
    return new SimpleForwardingClientCall<>(next.newCall(method, options)) {
      @Override
      public void start(Listener<R> listener, Metadata headers) {
        super.start(new SimpleForwardingClientCallListener<>(listener) {
          @Override
          @SuppressWarnings("unchecked") // R is EchoReply whenever the instanceof holds
          public void onMessage(R message) {
            if (message instanceof EchoReply reply) {
              message = (R) rewrite.apply(reply);
            }
            super.onMessage(message);
          }
        }, headers);
      }
    };
  }
}
