package lab.reliability;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import lab.testing.MemoryMeter;

/**
 * Waits, bounded, for the memory in use to fall back under a level. A server frees a closed
 * connection's buffers on its event loop a moment after the close, and no event says when:
 * so this measures again every 200 ms (each measurement is a full collection).
 */
final class MemoryReturns {
  private MemoryReturns() {}

  static boolean within(long level, Duration bound) {
    long giveUp = System.nanoTime() + bound.toNanos();
    while (true) {
      long used = MemoryMeter.usedBytes();
      if (used <= level) {
        return true;
      }
      if (System.nanoTime() > giveUp) {
        System.out.println("still in use: " + MemoryMeter.mib(used) + " > "
            + MemoryMeter.mib(level));
        return false;
      }
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(200));
    }
  }
}
