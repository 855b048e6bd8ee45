package lab.security;

import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import java.util.concurrent.atomic.AtomicInteger;

/** Counts the calls that got as far as this interceptor: put it where you want to look. */
final class CallCounter implements ServerInterceptor {
  final AtomicInteger calls = new AtomicInteger();

  @Override
  public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
      ServerCallHandler<Q, R> next) {
    calls.incrementAndGet();
    return next.startCall(call, headers);
  }
}
