package lab.interceptors;

import io.grpc.ForwardingServerCall.SimpleForwardingServerCall;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import java.util.function.Consumer;

/**
 * Logs every call once, when it ends: method, kind, duration and final status. Hooking
 * {@code close} catches every ending — success, error, rejection by another interceptor,
 * deadline — for every RPC kind, which is why timing belongs here and not in handlers.
 */
public final class LoggingInterceptor implements ServerInterceptor {
  private final Consumer<String> log;

  public LoggingInterceptor(Consumer<String> log) {
    this.log = log;
  }

  @Override
  public <Q, R> ServerCall.Listener<Q> interceptCall(
      ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
    long start = System.nanoTime();
    var method = call.getMethodDescriptor();
    return next.startCall(new SimpleForwardingServerCall<>(call) {
      @Override
      public void close(Status status, Metadata trailers) {
        long micros = (System.nanoTime() - start) / 1_000;
        log.accept(method.getFullMethodName() + " " + method.getType() + " "
            + status.getCode() + " " + micros + "us");
        super.close(status, trailers);
      }
    }, headers);
  }
}
