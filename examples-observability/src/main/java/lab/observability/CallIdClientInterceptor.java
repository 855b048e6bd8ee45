package lab.observability;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ForwardingClientCall.SimpleForwardingClientCall;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;

/**
 * Sends a call id with every call made on the channel. Inside a server handler that calls
 * another service, the id of the call being served is passed on, so one id follows the
 * request through every hop; otherwise each call gets a fresh one.
 */
public final class CallIdClientInterceptor implements ClientInterceptor {
  @Override
  public <Q, R> ClientCall<Q, R> interceptCall(
      MethodDescriptor<Q, R> method, CallOptions options, Channel next) {
    return new SimpleForwardingClientCall<>(next.newCall(method, options)) {
      @Override
      public void start(Listener<R> listener, Metadata headers) {
        String inherited = CallId.current();
        headers.put(CallId.HEADER, inherited != null ? inherited : CallId.newId());
        super.start(listener, headers);
      }
    };
  }
}
