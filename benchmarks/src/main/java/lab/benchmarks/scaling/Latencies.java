package lab.benchmarks.scaling;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The round-trip latency percentiles of the current iteration, in microseconds, reported by
 * JMH next to the throughput. JMH sums EVENTS counters over iterations in its summary score,
 * so the report reads each iteration's value from the JSON's raw data instead (Report
 * classes take the median of the iterations).
 */
@State(Scope.Thread)
@AuxCounters(AuxCounters.Type.EVENTS)
public class Latencies {
  public double p50Micros;
  public double p99Micros;
  private final Histogram iteration = new Histogram(3);
  private Histogram interval;

  @Setup(Level.Iteration)
  public void reset() {
    iteration.reset();
    p50Micros = 0;
    p99Micros = 0;
  }

  /** Adds what the recorder saw since the last call, and updates the percentiles. */
  void update(Recorder recorder) {
    interval = recorder.getIntervalHistogram(interval);
    iteration.add(interval);
    p50Micros = iteration.getValueAtPercentile(50) / 1000.0;
    p99Micros = iteration.getValueAtPercentile(99) / 1000.0;
  }
}
