package lab.observability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Quantiles from buckets follow Prometheus' histogram_quantile rule. */
class HistogramQuantileTest {
  private static final List<Double> BOUNDS = List.of(0.001, 0.002, 0.004);

  @Test
  void interpolatesLinearlyInsideTheBucketThatHoldsTheRank() {
    // 10 calls between 1 and 2 ms: the median is half way through that bucket.
    assertEquals(0.0015, HistogramQuantile.of(0.5, BOUNDS, List.of(0L, 10L, 0L, 0L)), 1e-12);
    // 90 fast, 10 slow: p99 is 90% of the way through the 2-4 ms bucket.
    assertEquals(0.0038, HistogramQuantile.of(0.99, BOUNDS, List.of(90L, 0L, 10L, 0L)), 1e-12);
  }

  @Test
  void answersTheHighestBoundForTheOverflowBucketAndNaNForNoData() {
    assertEquals(0.004, HistogramQuantile.of(0.99, BOUNDS, List.of(1L, 0L, 0L, 9L)));
    assertTrue(Double.isNaN(HistogramQuantile.of(0.5, BOUNDS, List.of(0L, 0L, 0L, 0L))));
  }
}
