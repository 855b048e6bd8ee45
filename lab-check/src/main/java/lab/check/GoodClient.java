package lab.check;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A well-behaved client beside an attack: calls one after another on the checker's own channel
 * (its own connection) until stopped, noting the slowest and any that were not served.
 */
final class GoodClient {
  private final AtomicBoolean stop = new AtomicBoolean();
  private final CompletableFuture<Result> result = new CompletableFuture<>();

  /** What the good client saw: calls made, calls not served, the slowest one. */
  record Result(int calls, int notServed, Duration slowest) {
    boolean allServed() {
      return calls > 0 && notServed == 0;
    }

    @Override
    public String toString() {
      return "a good client: " + (calls - notServed) + " of " + calls + " calls served, slowest "
          + slowest.toMillis() + " ms";
    }
  }

  static GoodClient start(Probe p) {
    GoodClient good = new GoodClient();
    Thread thread = new Thread(() -> good.loop(p), "lab-check-good-client");
    thread.setDaemon(true);
    thread.start();
    return good;
  }

  private void loop(Probe p) {
    int calls = 0;
    int notServed = 0;
    Duration slowest = Duration.ZERO;
    do { // at least one call, even if the attack is over at once
      Duration took = p.goodCallTime();
      calls++;
      if (took == null) {
        notServed++;
      } else if (took.compareTo(slowest) > 0) {
        slowest = took;
      }
    } while (!stop.get());
    result.complete(new Result(calls, notServed, slowest));
  }

  /** Stops after the call in progress and returns what it saw. */
  Result stop() throws InterruptedException {
    stop.set(true);
    try {
      return result.get(Probe.ANSWER.toMillis() * 2, java.util.concurrent.TimeUnit.MILLISECONDS);
    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
      return new Result(0, 0, Duration.ZERO);
    }
  }
}
