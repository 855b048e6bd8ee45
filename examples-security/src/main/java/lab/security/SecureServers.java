package lab.security;

import io.grpc.ServerCredentials;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.ServerServiceDefinition;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import lab.common.LabServer;

/**
 * Starts a server with given credentials (TLS, mTLS, or insecure for contrast) on 127.0.0.1,
 * on the lab's {@link LabServer}: the credentials are the lesson, and they are all this adds.
 * Every TLS server so gets what every plaintext one has: the connection limits (a TLS
 * handshake must finish within the same 10 s as a preface), parse-failure answers, the log
 * limits, the health service and graceful shutdown.
 */
public final class SecureServers {
  private SecureServers() {}

  /**
   * Binds 127.0.0.1:{@code port} (0 = any free port) with {@code credentials}, hosting
   * {@code services} behind {@code interceptors} (the first listed runs first) plus server
   * reflection and health, which stay open to all (probes and buf curl carry no token).
   */
  public static LabServer start(int port, ServerCredentials credentials,
      List<ServerInterceptor> interceptors, ServerServiceDefinition... services)
      throws IOException {
    LabServer.Builder builder = LabServer.onPort(port).credentials(credentials);
    // ServerInterceptors.intercept runs the LAST interceptor first: reverse to read in order.
    List<ServerInterceptor> lastFirst = new ArrayList<>(interceptors);
    Collections.reverse(lastFirst);
    for (ServerServiceDefinition service : services) {
      builder.addService(ServerInterceptors.intercept(service, lastFirst));
    }
    return builder.start();
  }
}
