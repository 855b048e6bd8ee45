package lab.multiplex;

import io.grpc.Attributes;
import io.grpc.Grpc;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerTransportFilter;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import java.net.SocketAddress;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts, on the server, the connections that became ready and the client addresses calls
 * came from. A transport is one TCP connection: two calls that reach the same transport
 * travelled on the same connection, as two HTTP/2 streams.
 */
final class ConnectionCounter {
  private final AtomicInteger connections = new AtomicInteger();
  private final Set<SocketAddress> callerAddresses = ConcurrentHashMap.newKeySet();

  /** Adds the two hooks to the server being built. */
  void installOn(NettyServerBuilder netty) {
    netty.addTransportFilter(new ServerTransportFilter() {
      @Override
      public Attributes transportReady(Attributes attributes) {
        connections.incrementAndGet();
        return attributes;
      }
    });
    netty.intercept(new ServerInterceptor() {
      @Override
      public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call,
          Metadata headers, ServerCallHandler<Q, R> next) {
        callerAddresses.add(call.getAttributes().get(Grpc.TRANSPORT_ATTR_REMOTE_ADDR));
        return next.startCall(call, headers);
      }
    });
  }

  int connections() {
    return connections.get();
  }

  /** The distinct client ip:port pairs seen; a new connection gets a new client port. */
  int callerAddresses() {
    return callerAddresses.size();
  }
}
