package lab.interceptors;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.MethodDescriptor;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A client interceptor that behaves per RPC kind (the notes: "implement a function per RPC
 * type"): it gives every unary call that has no deadline a default one, and leaves streams
 * alone, since a stream may rightly stay open for hours. It changes the call's details
 * (its CallOptions) before the call is created.
 */
public final class UnaryDeadlineInterceptor implements ClientInterceptor {
  private final Duration deadline;

  public UnaryDeadlineInterceptor(Duration deadline) {
    this.deadline = deadline;
  }

  @Override
  public <Q, R> ClientCall<Q, R> interceptCall(
      MethodDescriptor<Q, R> method, CallOptions options, Channel next) {
    if (method.getType() == MethodDescriptor.MethodType.UNARY && options.getDeadline() == null) {
      options = options.withDeadlineAfter(deadline.toMillis(), TimeUnit.MILLISECONDS);
    }
    return next.newCall(method, options);
  }
}
