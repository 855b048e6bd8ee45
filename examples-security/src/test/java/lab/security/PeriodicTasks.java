package lab.security;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * A scheduler the test drives: it records each periodic task scheduled on it (the key and
 * trust managers' file checks, SecureServer's renewals) and runs one on demand instead of
 * waiting for it. grpc-java checks the files at most once a minute (it raises shorter periods
 * to one minute); no test waits that long.
 */
final class PeriodicTasks extends ScheduledThreadPoolExecutor {
  record Periodic(Runnable task, long initialDelay, long delay, TimeUnit unit,
      ScheduledFuture<?> future) {
    Duration period() {
      return Duration.ofNanos(unit.toNanos(delay));
    }
  }

  final List<Periodic> scheduled = new CopyOnWriteArrayList<>();

  PeriodicTasks() {
    super(1);
  }

  @Override
  public ScheduledFuture<?> scheduleWithFixedDelay(Runnable task, long initialDelay,
      long delay, TimeUnit unit) {
    ScheduledFuture<?> future = super.scheduleWithFixedDelay(task, initialDelay, delay, unit);
    scheduled.add(new Periodic(task, initialDelay, delay, unit, future));
    return future;
  }

  /** The one task scheduled every {@code period}, which this runs now and waits for. */
  Periodic runNow(Duration period) throws Exception {
    List<Periodic> every = scheduled.stream().filter(p -> p.period().equals(period)).toList();
    assertEquals(1, every.size(), "tasks scheduled every " + period + ": " + scheduled);
    submit(every.get(0).task()).get(10, TimeUnit.SECONDS);
    return every.get(0);
  }
}
