package lab.loadbalancing;

import java.util.function.LongSupplier;

/**
 * Calls per second, over the last second: what a backend reports as its {@code qps}. Ten
 * buckets of 100 ms; a bucket older than a second is reused, so the memory is fixed.
 */
final class CallRate {
  static final int BUCKETS = 10;
  static final long BUCKET_NANOS = 100_000_000L;

  private final LongSupplier nanoTime;
  private final long[] slots = new long[BUCKETS];
  private final long[] counts = new long[BUCKETS];

  CallRate() {
    this(System::nanoTime);
  }

  /** With a clock a test can move. */
  CallRate(LongSupplier nanoTime) {
    this.nanoTime = nanoTime;
    java.util.Arrays.fill(slots, Long.MIN_VALUE); // no bucket counts until it is first used
  }

  synchronized void record() {
    long slot = nanoTime.getAsLong() / BUCKET_NANOS;
    int i = (int) Math.floorMod(slot, (long) BUCKETS);
    if (slots[i] != slot) {
      slots[i] = slot; // a second has passed since this bucket counted: start it again
      counts[i] = 0;
    }
    counts[i]++;
  }

  /** The calls recorded in the last ten buckets (the current one included): one second. */
  synchronized long perSecond() {
    long now = nanoTime.getAsLong() / BUCKET_NANOS;
    long sum = 0;
    for (int i = 0; i < BUCKETS; i++) {
      if (slots[i] > now - BUCKETS) {
        sum += counts[i];
      }
    }
    return sum;
  }
}
