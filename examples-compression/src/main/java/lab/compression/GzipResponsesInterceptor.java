package lab.compression;

import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The server's compression policy: gzip the responses of the methods that return big messages,
 * and nothing else. grpc-java has no server option for this; an interceptor is the place,
 * because it sees every call before the response headers go out (after that, the call's
 * encoding can no longer change). Small responses are left alone on purpose: gzip adds about
 * 20 bytes of its own, so a 4-byte reply would leave as 24.
 *
 * <p>Setting the encoding is safe even for clients that cannot decompress it: grpc-java only
 * honours the choice when the client listed gzip in its {@code grpc-accept-encoding} request
 * header (Java clients do by default) and otherwise sends the response uncompressed.
 */
public final class GzipResponsesInterceptor implements ServerInterceptor {
  private final Set<String> methods;

  private GzipResponsesInterceptor(Set<String> methods) {
    this.methods = methods;
  }

  public static GzipResponsesInterceptor forMethods(MethodDescriptor<?, ?>... methods) {
    return new GzipResponsesInterceptor(Arrays.stream(methods)
        .map(MethodDescriptor::getFullMethodName)
        .collect(Collectors.toUnmodifiableSet()));
  }

  @Override
  public <ReqT, RespT> ServerCall.Listener<ReqT> interceptCall(ServerCall<ReqT, RespT> call,
      Metadata headers, ServerCallHandler<ReqT, RespT> next) {
    if (methods.contains(call.getMethodDescriptor().getFullMethodName())) {
      call.setCompression("gzip");
    }
    return next.startCall(call, headers);
  }
}
