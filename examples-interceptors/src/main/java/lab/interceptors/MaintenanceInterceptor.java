package lab.interceptors;

import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Answers without the real handler (the notes: "return a handler to override the default
 * one"): while maintenance is on, every call gets UNAVAILABLE with a retry hint in its
 * trailers, and {@code next} is never called. UNAVAILABLE is the code clients treat as
 * "try again later"; the trailer says when.
 */
public final class MaintenanceInterceptor implements ServerInterceptor {
  private final AtomicBoolean on = new AtomicBoolean();
  private final Duration retryAfter;

  public MaintenanceInterceptor(Duration retryAfter) {
    this.retryAfter = retryAfter;
  }

  public void set(boolean maintenance) {
    on.set(maintenance);
  }

  @Override
  public <Q, R> ServerCall.Listener<Q> interceptCall(
      ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
    if (!on.get()) {
      return next.startCall(call, headers);
    }
    Metadata trailers = new Metadata();
    trailers.put(LabMetadata.RETRY_AFTER_MS, Long.toString(retryAfter.toMillis()));
    call.close(Status.UNAVAILABLE.withDescription("down for maintenance"), trailers);
    return new ServerCall.Listener<>() {};
  }
}
