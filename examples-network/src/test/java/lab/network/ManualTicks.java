package lab.network;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * A timer whose fixed-rate task runs only when the test says: the beats of a stream become
 * events the test steps through, so no assertion depends on how fast the machine is. Every
 * cancelled task is seen ({@link #awaitCancelled}).
 */
final class ManualTicks extends ScheduledThreadPoolExecutor {
  private final CountDownLatch scheduled = new CountDownLatch(1);
  private final CountDownLatch cancelled = new CountDownLatch(1);
  private volatile Runnable task;

  ManualTicks() {
    super(1);
  }

  @Override
  public ScheduledFuture<?> scheduleAtFixedRate(Runnable command, long initialDelay,
      long period, TimeUnit unit) {
    task = command;
    scheduled.countDown();
    // a stand-in that never runs by itself, whose cancellation the test can see
    return schedule(() -> { }, 1, TimeUnit.DAYS);
  }

  private ScheduledFuture<?> wrap(ScheduledFuture<?> never) {
    return new ScheduledFuture<Object>() {
      @Override
      public long getDelay(TimeUnit unit) {
        return never.getDelay(unit);
      }

      @Override
      public int compareTo(java.util.concurrent.Delayed other) {
        return never.compareTo(other);
      }

      @Override
      public boolean cancel(boolean interrupt) {
        cancelled.countDown();
        return never.cancel(interrupt);
      }

      @Override
      public boolean isCancelled() {
        return never.isCancelled();
      }

      @Override
      public boolean isDone() {
        return never.isDone();
      }

      @Override
      public Object get() {
        throw new UnsupportedOperationException("a tick has no result");
      }

      @Override
      public Object get(long timeout, TimeUnit unit) {
        throw new UnsupportedOperationException("a tick has no result");
      }
    };
  }

  boolean cancelled() {
    return cancelled.getCount() == 0;
  }

  void awaitCancelled() throws InterruptedException {
    if (!cancelled.await(10, TimeUnit.SECONDS)) {
      throw new AssertionError("the ticks were not cancelled");
    }
  }

  /** One-shot tasks run for real, but their cancellation is seen too. */
  @Override
  public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
    return wrap(super.schedule(command, delay, unit));
  }

  void awaitScheduled() throws InterruptedException {
    if (!scheduled.await(10, TimeUnit.SECONDS)) {
      throw new AssertionError("the service scheduled no ticks");
    }
  }

  /** Runs {@code n} ticks now, on the calling thread. */
  void run(int n) {
    for (int i = 0; i < n; i++) {
      task.run();
    }
  }
}
