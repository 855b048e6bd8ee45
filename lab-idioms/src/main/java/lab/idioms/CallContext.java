package lab.idioms;

import io.grpc.Context;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** Waiting inside a handler the way a handler should: stop as soon as the caller is gone. */
public final class CallContext {
  private CallContext() {}

  /**
   * Waits {@code time} (simulated work) unless the current call's Context is cancelled first —
   * its deadline passed, or the client cancelled. Returns true if the full time passed, false
   * if the caller went away (the handler should then stop and not reply).
   */
  public static boolean waitUnlessCancelled(Duration time) throws InterruptedException {
    Context context = Context.current();
    CountDownLatch gone = new CountDownLatch(1);
    Context.CancellationListener listener = cancelled -> gone.countDown();
    context.addListener(listener, Runnable::run);
    try {
      // A context already cancelled runs the listener at once, inside addListener.
      return !gone.await(time.toNanos(), TimeUnit.NANOSECONDS);
    } finally {
      context.removeListener(listener); // the context outlives this wait: do not leak into it
    }
  }
}
