package lab.benchmarks.support;

import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Messages and payload bytes moved, reported by JMH as rates next to the primary score
 * ("messages" in messages/s, "bytes" in bytes/s), whatever an operation's size. JMH reads
 * every public field and every public number-returning method of this class as a counter, so
 * it holds nothing else: how many messages an operation moves is {@link PerOperation}'s.
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

  public void add(long count, int size) {
    messages += count;
    bytes += count * size;
  }
}
