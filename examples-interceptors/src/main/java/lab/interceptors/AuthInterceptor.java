package lab.interceptors;

import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import java.util.Map;

/**
 * Authentication as an interceptor that can interrupt a call (the notes: "interrupt each
 * received RPC request"): a missing or unknown bearer token closes the call with
 * UNAUTHENTICATED right here, and the handler never runs. A valid token's identity goes into
 * the Context, where the handler finds it ({@link LabMetadata#CALLER}). Real servers verify
 * a signed token (a JWT, say) instead of looking it up; the shape is the same.
 */
public final class AuthInterceptor implements ServerInterceptor {
  private static final String PREFIX = "Bearer ";
  private final Map<String, String> identityByToken;

  public AuthInterceptor(Map<String, String> identityByToken) {
    this.identityByToken = Map.copyOf(identityByToken);
  }

  @Override
  public <Q, R> ServerCall.Listener<Q> interceptCall(
      ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
    String authorization = headers.get(LabMetadata.AUTHORIZATION);
    if (authorization == null || !authorization.startsWith(PREFIX)) {
      return reject(call, "missing bearer token (authorization: Bearer <token>)");
    }
    String identity = identityByToken.get(authorization.substring(PREFIX.length()));
    if (identity == null) {
      return reject(call, "invalid bearer token");
    }
    return Contexts.interceptCall(
        Context.current().withValue(LabMetadata.CALLER, identity), call, headers, next);
  }

  private static <Q, R> ServerCall.Listener<Q> reject(ServerCall<Q, R> call, String why) {
    call.close(Status.UNAUTHENTICATED.withDescription(why), new Metadata());
    return new ServerCall.Listener<>() {}; // ignore whatever the client still sends
  }
}
