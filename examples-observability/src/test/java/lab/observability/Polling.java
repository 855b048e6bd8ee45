package lab.observability;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;

/**
 * Bounded polling of something that cannot notify us (a Prometheus server, channelz
 * counters updated after a call returns): a scheduler probes every {@code every}, and the
 * test waits on a future with a timeout instead of sleeping in a loop.
 */
final class Polling {
  private Polling() {}

  /**
   * Probes until {@code done} holds or {@code timeout} passes, and returns the last value
   * seen either way, so the caller's assertion shows what the system looked like at the end.
   */
  static <T> T poll(Callable<T> probe, Predicate<T> done, Duration every, Duration timeout)
      throws InterruptedException {
    AtomicReference<T> last = new AtomicReference<>();
    CompletableFuture<T> finished = new CompletableFuture<>();
    ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    try {
      scheduler.scheduleWithFixedDelay(() -> {
        try {
          T value = probe.call();
          last.set(value);
          if (done.test(value)) {
            finished.complete(value);
          }
        } catch (Exception e) {
          // not there yet (refused connection, no data): the next probe tries again
        }
      }, 0, every.toMillis(), TimeUnit.MILLISECONDS);
      return finished.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      return last.get();
    } catch (java.util.concurrent.ExecutionException e) {
      throw new IllegalStateException(e);
    } finally {
      scheduler.shutdownNow();
      scheduler.awaitTermination(5, TimeUnit.SECONDS);
    }
  }
}
