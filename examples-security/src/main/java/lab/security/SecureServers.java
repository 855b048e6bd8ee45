package lab.security;

import io.grpc.Server;
import io.grpc.ServerCredentials;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.ServerServiceDefinition;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.protobuf.services.ProtoReflectionServiceV1;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Starts a server with given credentials (TLS, mTLS, or insecure for contrast) on 127.0.0.1.
 * The lab's {@code LabServer} is plaintext by design; here the credentials are the lesson, so
 * they are passed where grpc-java wants them: to the server builder, before anything else.
 */
public final class SecureServers {
  private SecureServers() {}

  /**
   * Binds 127.0.0.1:{@code port} (0 = any free port) with {@code credentials}, hosting
   * {@code services} behind {@code interceptors} (the first listed runs first) plus server
   * reflection, so buf curl and grpcurl can call it without a .proto file.
   */
  public static Server start(int port, ServerCredentials credentials,
      List<ServerInterceptor> interceptors, ServerServiceDefinition... services)
      throws IOException {
    var builder = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", port),
        credentials);
    builder.addService(ProtoReflectionServiceV1.newInstance());
    // ServerInterceptors.intercept runs the LAST interceptor first: reverse to read in order.
    List<ServerInterceptor> lastFirst = new ArrayList<>(interceptors);
    Collections.reverse(lastFirst);
    for (ServerServiceDefinition service : services) {
      builder.addService(ServerInterceptors.intercept(service, lastFirst));
    }
    return builder.build().start();
  }

  /** Blocks until SIGTERM / Ctrl-C, then lets in-flight calls finish (bounded) and stops. */
  public static void blockUntilShutdown(Server server) throws InterruptedException {
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      server.shutdown();
      try {
        if (!server.awaitTermination(10, TimeUnit.SECONDS)) {
          server.shutdownNow();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      System.err.println("Server stopped.");
    }, "graceful-shutdown"));
    server.awaitTermination();
  }
}
