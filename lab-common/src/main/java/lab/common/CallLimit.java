package lab.common;

import io.grpc.ForwardingServerCallListener.SimpleForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;

/**
 * At most {@code max} calls in flight in the whole server; the next is refused at once with
 * RESOURCE_EXHAUSTED, before its handler runs or any of its messages is read. Per connection,
 * ConnectionLimits bounds what a client may leave unread (streams × window); this bounds the
 * sum over every connection a client can open: {@code max} × the stream window.
 */
final class CallLimit implements ServerInterceptor {
  static final String LOGGER = CallLimit.class.getName();
  private static final Logger log = Logger.getLogger(LOGGER);

  private final int max;
  private final AtomicInteger inFlight = new AtomicInteger();

  CallLimit(int max) {
    this.max = max;
  }

  @Override
  public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
      ServerCallHandler<Q, R> next) {
    if (inFlight.incrementAndGet() > max) {
      inFlight.decrementAndGet();
      // LogLimiter makes this one line per 10 s, with a count, however many are refused.
      log.warning("refused a call: " + max + " calls in flight, the server's limit");
      call.close(Status.RESOURCE_EXHAUSTED.withDescription("the server has " + max
          + " calls in flight, its limit; try again later"), new Metadata());
      return new ServerCall.Listener<>() {};
    }
    ServerCall.Listener<Q> listener;
    try {
      listener = next.startCall(call, headers);
    } catch (RuntimeException e) {
      inFlight.decrementAndGet();
      throw e;
    }
    return new SimpleForwardingServerCallListener<>(listener) {
      @Override
      public void onComplete() {
        inFlight.decrementAndGet();
        super.onComplete();
      }

      @Override
      public void onCancel() {
        inFlight.decrementAndGet();
        super.onCancel();
      }
    };
  }
}
