package lab.network;

import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Grpc;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import java.net.InetSocketAddress;
import java.net.SocketAddress;

/**
 * The caller's IP address, from the transport the call came on, put in the call's Context so
 * a handler can answer with it (a dual-stack client cannot always tell which family it used).
 */
final class CallerAddress implements ServerInterceptor {
  static final Context.Key<String> KEY = Context.key("caller-address");

  @Override
  public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
      ServerCallHandler<Q, R> next) {
    SocketAddress remote = call.getAttributes().get(Grpc.TRANSPORT_ATTR_REMOTE_ADDR);
    String address = remote instanceof InetSocketAddress inet
        ? inet.getAddress().getHostAddress() : String.valueOf(remote);
    return Contexts.interceptCall(Context.current().withValue(KEY, address), call, headers,
        next);
  }
}
