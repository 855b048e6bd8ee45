package lab.services.proxy;

import io.grpc.Channel;
import io.grpc.HandlerRegistry;
import io.grpc.MethodDescriptor;
import io.grpc.ServerCallHandler;
import io.grpc.ServerMethodDefinition;

/**
 * A generic gRPC proxy: a handler registry that answers <em>every</em> method name with a
 * call forwarded to one backend. Mount it as a server's fallback registry, and whatever the
 * server's own services do not serve goes to the backend:
 *
 * <pre>{@code
 * LabServer.onPort(port).configure(b -> b.fallbackHandlerRegistry(new ProxyRegistry(backend)))
 * }</pre>
 *
 * <p>It never knows the contract: messages stay bytes ({@link ByteMarshaller}), so it needs no
 * generated code, and a method the backend does not have is the backend's UNIMPLEMENTED, not
 * the proxy's. Headers, messages both ways, half-close, status and trailers are forwarded,
 * with flow control in both directions and cancellation both ways ({@link ProxyCall}). Each
 * call goes to {@code backend}'s own authority: the one the client asked for is not used.
 */
public final class ProxyRegistry extends HandlerRegistry {
  private final ServerCallHandler<byte[], byte[]> handler;

  /** Forwards every call to {@code backend}, which this registry does not own or shut down. */
  public ProxyRegistry(Channel backend) {
    this.handler = (call, headers) -> ProxyCall.start(backend, call, headers);
  }

  @Override
  public ServerMethodDefinition<byte[], byte[]> lookupMethod(String fullMethodName,
      String authority) {
    // A descriptor per call, not a cache of them: the names come from clients, and a map
    // keyed by them would grow with every name a client cares to invent.
    MethodDescriptor<byte[], byte[]> method = MethodDescriptor
        .newBuilder(ByteMarshaller.INSTANCE, ByteMarshaller.INSTANCE)
        .setFullMethodName(fullMethodName)
        // Unary or streaming: the proxy cannot tell and need not. UNKNOWN makes grpc-java
        // assume nothing (any number of messages each way), which covers all four kinds.
        .setType(MethodDescriptor.MethodType.UNKNOWN)
        .build();
    return ServerMethodDefinition.create(method, handler);
  }
}
