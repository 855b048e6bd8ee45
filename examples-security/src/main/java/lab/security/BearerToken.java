package lab.security;

import io.grpc.CallCredentials;
import io.grpc.Metadata;
import io.grpc.SecurityLevel;
import io.grpc.Status;
import java.util.concurrent.Executor;

/**
 * The client half of token authentication: {@code CallCredentials} that add
 * {@code authorization: Bearer <token>} to every call of a stub
 * ({@code stub.withCallCredentials(...)}), instead of each call site writing metadata by hand.
 *
 * <p>grpc-java's rule: the transport tells the credentials how well the connection is
 * protected ({@link RequestInfo#getSecurityLevel()}: NONE for plaintext,
 * PRIVACY_AND_INTEGRITY for TLS), and it is the credentials' job to refuse to hand a secret to
 * a connection that would show it to anyone on the path. grpc-java's own Google credentials
 * (grpc-auth) fail the call with UNAUTHENTICATED below PRIVACY_AND_INTEGRITY; these do the
 * same, unless the caller opts in with {@link #allowingPlaintext()} (a test on loopback).
 */
public final class BearerToken extends CallCredentials {
  private final String token;
  private final boolean plaintextAllowed;

  private BearerToken(String token, boolean plaintextAllowed) {
    this.token = token;
    this.plaintextAllowed = plaintextAllowed;
  }

  public static BearerToken of(String token) {
    return new BearerToken(token, false);
  }

  /** The same token, also sent over connections without TLS. Only for loopback experiments. */
  public BearerToken allowingPlaintext() {
    return new BearerToken(token, true);
  }

  @Override
  public void applyRequestMetadata(RequestInfo info, Executor appExecutor,
      MetadataApplier applier) {
    SecurityLevel level = info.getSecurityLevel();
    if (level != SecurityLevel.PRIVACY_AND_INTEGRITY && !plaintextAllowed) {
      applier.fail(Status.UNAUTHENTICATED.withDescription("refusing to send a bearer token over"
          + " a connection with security level " + level + " (use TLS)"));
      return;
    }
    Metadata headers = new Metadata();
    headers.put(TokenAuthInterceptor.AUTHORIZATION, "Bearer " + token);
    applier.apply(headers); // a token from a slow source would be fetched on appExecutor
  }
}
