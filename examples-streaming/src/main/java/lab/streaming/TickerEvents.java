package lab.streaming;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * What a ticker producer reports: how many messages it has produced, when it pauses because
 * the consumer is not ready, and when the call is cancelled. The server logs these; tests
 * wait on them instead of sleeping.
 */
public final class TickerEvents {
  private final AtomicInteger produced = new AtomicInteger();
  private final BlockingQueue<Integer> pauses = new LinkedBlockingQueue<>();
  private final CountDownLatch cancelled = new CountDownLatch(1);

  void onProduced() {
    produced.incrementAndGet();
  }

  void onPaused(int producedSoFar) {
    pauses.add(producedSoFar);
  }

  void onCancelled(int producedSoFar) {
    cancelled.countDown();
  }

  public int produced() {
    return produced.get();
  }

  /** Paused-at counts, in order; a producer that ignores flow control never pauses. */
  public BlockingQueue<Integer> pauses() {
    return pauses;
  }

  public CountDownLatch cancelledLatch() {
    return cancelled;
  }
}
