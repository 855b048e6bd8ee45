package lab.security;

import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import java.util.Map;
import java.util.Set;

/**
 * The server half of token authentication. It runs before the handler and decides:
 * no token or a token it does not know → UNAUTHENTICATED ("who are you?"); a known user
 * without the role the method needs → PERMISSION_DENIED ("I know you, and no"). Either way
 * the call ends here and the handler never runs. The user's name reaches the handler through
 * the Context.
 *
 * <p>The tokens are a fixed table to keep the lesson small; a real server verifies a signed
 * token (a JWT's signature, issuer, audience, expiry) or asks an identity provider.
 */
public final class TokenAuthInterceptor implements ServerInterceptor {
  public static final Metadata.Key<String> AUTHORIZATION =
      Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);
  /** The authenticated user's name; "" when no token was checked. */
  public static final Context.Key<String> USER = Context.keyWithDefault("user", "");

  /** Who a token belongs to and what they may do. */
  public record User(String name, Set<String> roles) {}

  private final Map<String, User> usersByToken;
  private final Map<String, String> roleByMethod;

  /**
   * @param roleByMethod full method name ("video_service.VideoService/AddVideo") to the role
   *     it needs; a method not listed needs only a valid token
   */
  public TokenAuthInterceptor(Map<String, User> usersByToken, Map<String, String> roleByMethod) {
    this.usersByToken = Map.copyOf(usersByToken);
    this.roleByMethod = Map.copyOf(roleByMethod);
  }

  @Override
  public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
      ServerCallHandler<Q, R> next) {
    String header = headers.get(AUTHORIZATION);
    if (header == null || !header.startsWith("Bearer ")) {
      return refuse(call, Status.UNAUTHENTICATED.withDescription("no bearer token"));
    }
    User user = usersByToken.get(header.substring("Bearer ".length()));
    if (user == null) {
      // Say nothing about why: a caller probing tokens learns only "no".
      return refuse(call, Status.UNAUTHENTICATED.withDescription("invalid token"));
    }
    String role = roleByMethod.get(call.getMethodDescriptor().getFullMethodName());
    if (role != null && !user.roles().contains(role)) {
      return refuse(call, Status.PERMISSION_DENIED.withDescription(
          user.name() + " lacks role " + role));
    }
    return Contexts.interceptCall(Context.current().withValue(USER, user.name()), call, headers,
        next);
  }

  private static <Q> ServerCall.Listener<Q> refuse(ServerCall<Q, ?> call, Status status) {
    call.close(status, new Metadata());
    return new ServerCall.Listener<>() {}; // ignore whatever the client still sends
  }
}
