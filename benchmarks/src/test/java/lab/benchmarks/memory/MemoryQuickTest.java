package lab.benchmarks.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Quick mode for the memory measurements: each runs small, with its child JVM as in a real
 * run, and must see all of its work arrive. No memory figure is asserted: those come from
 * run-full.sh and run-costs-and-peers.sh on a quiet machine.
 */
class MemoryQuickTest {
  @Test
  void theMemoryMeasurementStreamsEverythingToTheSlowConsumer() throws Exception {
    var result = RetainedMemoryUnderSlowConsumer.measure(true, 65_536, 8, "64");

    assertEquals(0, result.consumerExit(), "the consumer received every message");
    assertTrue(result.seconds() < TimeUnit.MINUTES.toSeconds(2));
  }

  @Test
  void theIdleMemoryMeasurementSeesEveryIdleConnectionAndStreamArrive() throws Exception {
    // measure() throws unless every connection and every call reached the server
    var results = IdleMemory.measure(20, 200);

    assertEquals(20, results[0].count());
    assertEquals(200, results[1].count());
  }
}
