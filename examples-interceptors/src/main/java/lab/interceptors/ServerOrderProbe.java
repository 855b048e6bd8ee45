package lab.interceptors;

import io.grpc.ForwardingServerCall.SimpleForwardingServerCall;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import java.util.List;

/** Records when a call reaches it and when its answer passes back through it. */
public final class ServerOrderProbe implements ServerInterceptor {
  private final String name;
  private final List<String> events;

  public ServerOrderProbe(String name, List<String> events) {
    this.name = name;
    this.events = events;
  }

  @Override
  public <Q, R> ServerCall.Listener<Q> interceptCall(
      ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
    events.add("server " + name + " in");
    return next.startCall(new SimpleForwardingServerCall<>(call) {
      @Override
      public void close(Status status, Metadata trailers) {
        events.add("server " + name + " back");
        super.close(status, trailers);
      }
    }, headers);
  }
}
