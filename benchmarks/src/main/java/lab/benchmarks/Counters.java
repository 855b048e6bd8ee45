package lab.benchmarks;

import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Messages and payload bytes moved, reported by JMH as rates next to the primary score
 * ("messages" in messages/s, "bytes" in bytes/s), whatever an operation's size.
 */
@State(Scope.Thread)
@AuxCounters(AuxCounters.Type.OPERATIONS)
public class Counters {
  public long messages;
  public long bytes;

  @Setup(Level.Iteration)
  public void reset() {
    messages = 0;
    bytes = 0;
  }

  void add(long count, int size) {
    messages += count;
    bytes += count * size;
  }

  /** Messages per operation: about 2 MiB of payload, at least 64 messages. */
  static int countFor(int size) {
    return Math.max(64, Math.min(131_072, (2 << 20) / size));
  }
}
