package lab.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * CI's quick mode: every benchmark, in every package, runs once, briefly, in a forked JVM as in
 * a real run, and must produce a result. No timing is asserted: numbers come from the full
 * runs (run-full.sh, run-costs-and-peers.sh), on a quiet machine. The memory measurements,
 * which are mains rather than JMH benchmarks, have their quick mode in memory.MemoryQuickTest.
 */
class QuickModeTest {
  private static final Set<String> EVERY_BENCHMARK = Set.of(
      "ClientStreamingBenchmark.upload", "CompressionBenchmark.upload", "LayersBenchmark.stream",
      "PingPongBenchmark.roundTrip", "ProducerStyleBenchmark.download",
      "ProxyCostBenchmark.serverStream", "ProxyCostBenchmark.unary",
      "RawSocketPingPongBenchmark.roundTrip", "RawSocketStreamBenchmark.stream",
      "ScalingBenchmark.roundTrips", "ServerStreamingBenchmark.download",
      "TuningLadderBenchmark.download");

  @Test
  void everyBenchmarkRunsAndProducesAResult() throws Exception {
    // JMH refuses to start while another JMH run holds its machine-wide lock (/tmp/jmh.lock),
    // to keep real measurements apart. This run measures nothing, and a second build beside
    // it (a busy CI machine) may be running this very test: it must not fail for that.
    System.setProperty("jmh.ignoreLock", "true");
    var options = new OptionsBuilder()
        .include("lab\\.benchmarks\\..*Benchmark")
        .param("size", "1024")
        .param("executor", "direct")
        .param("step", "gzip") // the top rung, cumulative: every knob of the ladder at once
        .param("mode", "cumulative")
        .forks(1)
        .warmupIterations(0)
        .measurementIterations(1)
        .measurementTime(TimeValue.milliseconds(200))
        .timeout(TimeValue.seconds(60))
        .shouldFailOnError(true)
        .build();

    Set<String> ran = new TreeSet<>();
    for (RunResult result : new Runner(options).run()) {
      String[] name = result.getParams().getBenchmark().split("\\.");
      ran.add(name[name.length - 2] + "." + name[name.length - 1]);
      assertTrue(result.getPrimaryResult().getScore() > 0, "a positive score for " + ran);
    }
    assertEquals(new TreeSet<>(EVERY_BENCHMARK), ran);
  }
}
