package lab.unary;

import io.grpc.Context;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.function.IntConsumer;
import java.util.logging.Logger;
import lab.proto.routeguide.Feature;
import lab.proto.routeguide.Point;
import lab.routeguide.FeatureDatabase;

/**
 * A feature lookup that takes time, like a query to a slow backend, done in small steps.
 * Between steps it asks the gRPC {@link Context} whether the caller is still waiting: when the
 * client's deadline passes or it cancels, the Context is cancelled and the work stops. Without
 * that check the server would finish work nobody will ever read (NOTES.md, "Deadlines").
 */
public final class SlowFeatureLookup {
  private static final Logger log = Logger.getLogger(SlowFeatureLookup.class.getName());
  private static final int STEPS = 20;

  private final FeatureDatabase database;
  private final Duration latency;
  private final IntConsumer onAbandoned;

  /**
   * @param latency total simulated time of one lookup
   * @param onAbandoned told how many steps were done when a lookup was abandoned
   */
  public SlowFeatureLookup(FeatureDatabase database, Duration latency, IntConsumer onAbandoned) {
    this.database = database;
    this.latency = latency;
    this.onAbandoned = onAbandoned;
  }

  public SlowFeatureLookup(FeatureDatabase database, Duration latency) {
    this(database, latency, steps -> log.info(
        () -> "Caller gave up; lookup abandoned after " + steps + "/" + STEPS + " steps"));
  }

  /**
   * The feature at {@code point}, or empty when there is none.
   *
   * @throws CancellationException when the caller stopped waiting: the lookup gave up, which
   *     is not the same answer as "no feature there"
   */
  public Optional<Feature> find(Point point) throws InterruptedException {
    Context context = Context.current();
    long stepNanos = latency.toNanos() / STEPS;
    for (int step = 0; step < STEPS; step++) {
      if (context.isCancelled()) {
        onAbandoned.accept(step);
        throw new CancellationException("caller gone after " + step + "/" + STEPS + " steps");
      }
      // simulated work; with no latency, sleep(0, 0) returns at once
      Thread.sleep(stepNanos / 1_000_000, (int) (stepNanos % 1_000_000));
    }
    return database.at(point);
  }

  public static int steps() {
    return STEPS;
  }
}
