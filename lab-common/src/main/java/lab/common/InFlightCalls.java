package lab.common;

import io.grpc.ForwardingServerCall.SimpleForwardingServerCall;
import io.grpc.ForwardingServerCallListener.SimpleForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Knows every call still in flight, so that a server past its shutdown grace can end them
 * with a status clients act on. grpc-java's {@code shutdownNow()} resets the streams, which
 * clients see as CANCELLED, a code no retry policy retries; UNAVAILABLE ("server shutting
 * down") tells a client the call may be retried, on another server.
 *
 * <p>Closing a call from outside races the handler, so every write of a tracked call goes
 * through one lock, and whatever the handler writes after the forced close is dropped.
 */
final class InFlightCalls implements ServerInterceptor {
  private final Set<Tracked<?, ?>> open = ConcurrentHashMap.newKeySet();

  /** Ends every call still open with {@code status}; returns how many there were. */
  int closeAll(Status status) {
    int closed = 0;
    for (Tracked<?, ?> call : open) {
      if (call.closeIfOpen(status)) {
        closed++;
      }
    }
    return closed;
  }

  int count() {
    return open.size();
  }

  @Override
  public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
      ServerCallHandler<Q, R> next) {
    Tracked<Q, R> tracked = new Tracked<>(call);
    open.add(tracked);
    return new SimpleForwardingServerCallListener<>(next.startCall(tracked, headers)) {
      @Override
      public void onComplete() {
        open.remove(tracked);
        super.onComplete();
      }

      @Override
      public void onCancel() {
        open.remove(tracked);
        super.onCancel();
      }
    };
  }

  private static final class Tracked<Q, R> extends SimpleForwardingServerCall<Q, R> {
    private boolean closed; // guarded by this

    Tracked(ServerCall<Q, R> call) {
      super(call);
    }

    synchronized boolean closeIfOpen(Status status) {
      if (closed) {
        return false;
      }
      closed = true;
      super.close(status, new Metadata());
      return true;
    }

    @Override
    public synchronized void sendHeaders(Metadata headers) {
      if (!closed) {
        super.sendHeaders(headers);
      }
    }

    @Override
    public synchronized void sendMessage(R message) {
      if (!closed) {
        super.sendMessage(message);
      }
    }

    @Override
    public synchronized void close(Status status, Metadata trailers) {
      if (!closed) {
        closed = true;
        super.close(status, trailers);
      }
    }
  }
}
