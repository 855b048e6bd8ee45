package lab.interceptors;

import io.grpc.ServerInterceptors;
import io.grpc.ServerServiceDefinition;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The echo service wrapped in this module's server interceptors — for the echo service
 * only, so health checks and reflection on the same server need no token.
 *
 * <p>{@code ServerInterceptors.intercept(service, a, b, c)} runs the LAST one first (c, then
 * b, then a, then the service; InterceptorOrderTest proves it). Listed here from the inside
 * out, a call therefore meets: logging (outermost, so it records every ending, rejections
 * included), maintenance, metadata, auth, normalizing, the service.
 */
public final class EchoStack {
  private EchoStack() {}

  public static ServerServiceDefinition wrap(EchoService service, Map<String, String> tokens,
      MaintenanceInterceptor maintenance, Consumer<String> log) {
    return ServerInterceptors.intercept(service,
        new NormalizingInterceptor(),
        new AuthInterceptor(tokens),
        new ServerMetadataInterceptor(),
        maintenance,
        new LoggingInterceptor(log));
  }
}
