package lab.loadbalancing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The qps a backend reports: the calls of the last second, on a clock the test moves. */
class CallRateTest {
  private static final long MS = 1_000_000L;

  private final AtomicLong now = new AtomicLong(5_000 * MS);
  private final CallRate rate = new CallRate(now::get);

  @Test
  void aNewMeterCountsNothing() {
    assertEquals(0, rate.perSecond());
  }

  @Test
  void callsCountForOneSecondAndThenNoLonger() {
    record(3);
    now.addAndGet(950 * MS);
    record(2);
    assertEquals(5, rate.perSecond(), "all five are within the last second");

    now.addAndGet(100 * MS); // 1.05 s after the first three
    assertEquals(2, rate.perSecond(), "the first three are more than a second old");

    now.addAndGet(1_000 * MS);
    assertEquals(0, rate.perSecond());
  }

  @Test
  void aBucketReusedAfterASecondStartsFromZero() {
    record(4);
    now.addAndGet(1_000 * MS); // the same bucket, one turn later
    record(1);
    assertEquals(1, rate.perSecond());
  }

  private void record(int calls) {
    for (int i = 0; i < calls; i++) {
      rate.record();
    }
  }
}
