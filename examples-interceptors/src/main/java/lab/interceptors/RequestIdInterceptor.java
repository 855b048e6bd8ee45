package lab.interceptors;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ForwardingClientCall.SimpleForwardingClientCall;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Adds a request-id header to every call made on the channel, before it is sent (the notes:
 * client interceptors run "before the RPC request is sent"). One class covers every RPC
 * kind: headers go out once per call, whatever the call's shape.
 */
public final class RequestIdInterceptor implements ClientInterceptor {
  private final Supplier<String> ids;

  public RequestIdInterceptor(Supplier<String> ids) {
    this.ids = ids;
  }

  public static RequestIdInterceptor random() {
    return new RequestIdInterceptor(() -> UUID.randomUUID().toString());
  }

  @Override
  public <Q, R> ClientCall<Q, R> interceptCall(
      MethodDescriptor<Q, R> method, CallOptions options, Channel next) {
    return new SimpleForwardingClientCall<>(next.newCall(method, options)) {
      @Override
      public void start(Listener<R> listener, Metadata headers) {
        headers.put(LabMetadata.REQUEST_ID, ids.get());
        super.start(listener, headers);
      }
    };
  }
}
