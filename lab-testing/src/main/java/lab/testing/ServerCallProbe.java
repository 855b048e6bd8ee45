package lab.testing;

import io.grpc.ForwardingServerCall.SimpleForwardingServerCall;
import io.grpc.ForwardingServerCallListener.SimpleForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A server interceptor that watches what a service does with each call, from the outside:
 * how many requests its handler took in, how many replies it wrote, whether it ever found the
 * call not ready (it paused for flow control), and how the call ended. Tests use it to prove
 * flow-control claims about services that know nothing of the test.
 *
 * <p>A call ends in one of two ways, and they prove different things, so they are kept apart:
 * the <em>service</em> closes it with a status ({@link Call#awaitClosed}), or the
 * <em>transport</em> cancels it because the client cancelled, its deadline passed or its
 * connection went away ({@link Call#awaitCancelled}). A cancel happens whatever the service
 * does; what the service did about it shows in {@link Call#sentAfterCancel}.
 */
public final class ServerCallProbe implements ServerInterceptor {
  /** What one call has done so far. */
  public static final class Call {
    public final String method;
    public final AtomicInteger received = new AtomicInteger();
    public final AtomicInteger sent = new AtomicInteger();
    public final CountDownLatch paused = new CountDownLatch(1);
    private final AtomicInteger sentAfterCancel = new AtomicInteger();
    private final CountDownLatch closed = new CountDownLatch(1);
    private final CountDownLatch cancelled = new CountDownLatch(1);
    private volatile Status closedWith;

    Call(String method) {
      this.method = method;
    }

    /** Waits at most {@code timeout} for the service to close the call with a status. */
    public boolean awaitClosed(Duration timeout) throws InterruptedException {
      return closed.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** The status the service closed the call with; null while it has not closed it. */
    public Status closedWith() {
      return closedWith;
    }

    /** Waits at most {@code timeout} for the transport to cancel the call. */
    public boolean awaitCancelled(Duration timeout) throws InterruptedException {
      return cancelled.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** True once the transport cancelled the call (it never un-cancels). */
    public boolean wasCancelled() {
      return cancelled.getCount() == 0;
    }

    /** Replies the service wrote after the call was cancelled: 0 for one that stops at once. */
    public int sentAfterCancel() {
      return sentAfterCancel.get();
    }

    /** Waits at most {@code timeout} until the service has seen the call not ready. */
    public boolean awaitPause(Duration timeout) throws InterruptedException {
      return paused.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** Waits at most {@code timeout} until the handler has taken in {@code count} requests. */
    public synchronized boolean awaitReceived(int count, Duration timeout)
        throws InterruptedException {
      long end = System.nanoTime() + timeout.toNanos();
      while (received.get() < count) {
        long left = end - System.nanoTime();
        if (left <= 0) {
          return false;
        }
        TimeUnit.NANOSECONDS.timedWait(this, left);
      }
      return true;
    }

    private synchronized void onReceived() {
      received.incrementAndGet();
      notifyAll();
    }

    private void onSent() {
      sent.incrementAndGet();
      if (wasCancelled()) {
        sentAfterCancel.incrementAndGet();
      }
    }

    private void onClosed(Status status) {
      closedWith = status;
      closed.countDown();
    }
  }

  private final List<Call> calls = new CopyOnWriteArrayList<>();
  private final BlockingQueue<Call> started = new LinkedBlockingQueue<>();

  /** The next call to start (in start order), waiting at most {@code timeout} for it. */
  public Call nextCall(Duration timeout) throws InterruptedException {
    Call call = started.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
    if (call == null) {
      throw new AssertionError("no call reached the server within " + timeout);
    }
    return call;
  }

  /** Every call started so far, in start order. */
  public List<Call> calls() {
    return List.copyOf(calls);
  }

  /** The total number of replies written over every call. */
  public int totalSent() {
    return calls.stream().mapToInt(c -> c.sent.get()).sum();
  }

  @Override
  public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
      ServerCallHandler<Q, R> next) {
    Call record = new Call(call.getMethodDescriptor().getBareMethodName());
    calls.add(record);
    started.add(record);
    ServerCall<Q, R> watched = new SimpleForwardingServerCall<>(call) {
      @Override
      public void sendMessage(R message) {
        record.onSent();
        super.sendMessage(message);
      }

      @Override
      public boolean isReady() {
        boolean ready = super.isReady();
        if (!ready) {
          record.paused.countDown();
        }
        return ready;
      }

      @Override
      public void close(Status status, Metadata trailers) {
        record.onClosed(status); // the service's own decision, whatever the transport did
        super.close(status, trailers);
      }
    };
    return new SimpleForwardingServerCallListener<>(next.startCall(watched, headers)) {
      @Override
      public void onMessage(Q message) {
        super.onMessage(message);
        record.onReceived(); // after the handler ran: "received" means "taken in"
      }

      @Override
      public void onCancel() {
        record.cancelled.countDown(); // before the service hears of it: its later writes count
        super.onCancel();
      }
    };
  }
}
