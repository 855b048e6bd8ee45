package lab.resilience;

import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;

/**
 * Reads {@code grpc-previous-rpc-attempts}, the header grpc-java's client adds to every retry
 * or hedge (absent on the first attempt), into the Context: the server can tell attempts
 * apart without keeping any state.
 */
public final class AttemptCounter implements ServerInterceptor {
  static final Metadata.Key<String> PREVIOUS_ATTEMPTS =
      Metadata.Key.of("grpc-previous-rpc-attempts", Metadata.ASCII_STRING_MARSHALLER);
  static final Context.Key<Integer> PREVIOUS = Context.keyWithDefault("previous-attempts", 0);

  @Override
  public <Q, R> ServerCall.Listener<Q> interceptCall(
      ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
    String value = headers.get(PREVIOUS_ATTEMPTS);
    int previous = value == null ? 0 : Integer.parseInt(value);
    return Contexts.interceptCall(Context.current().withValue(PREVIOUS, previous),
        call, headers, next);
  }
}
