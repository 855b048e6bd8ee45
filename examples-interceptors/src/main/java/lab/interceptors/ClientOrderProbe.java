package lab.interceptors;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ForwardingClientCall.SimpleForwardingClientCall;
import io.grpc.ForwardingClientCallListener.SimpleForwardingClientCallListener;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import java.util.List;

/** Records when it sees a call go out and come back, to show interceptor order. */
public final class ClientOrderProbe implements ClientInterceptor {
  private final String name;
  private final List<String> events;

  public ClientOrderProbe(String name, List<String> events) {
    this.name = name;
    this.events = events;
  }

  @Override
  public <Q, R> ClientCall<Q, R> interceptCall(
      MethodDescriptor<Q, R> method, CallOptions options, Channel next) {
    return new SimpleForwardingClientCall<>(next.newCall(method, options)) {
      @Override
      public void start(Listener<R> listener, Metadata headers) {
        events.add("client " + name + " out");
        super.start(new SimpleForwardingClientCallListener<>(listener) {
          @Override
          public void onClose(Status status, Metadata trailers) {
            events.add("client " + name + " back");
            super.onClose(status, trailers);
          }
        }, headers);
      }
    };
  }
}
