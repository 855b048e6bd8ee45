package lab.observability;

import java.util.List;

/**
 * A quantile estimated from histogram buckets, by the same rule as Prometheus'
 * {@code histogram_quantile}: find the bucket holding the q-th observation and interpolate
 * linearly inside it. The answer is only as precise as the buckets (grpc-opentelemetry's
 * latency buckets are a few tenths of a millisecond wide at the low end, wider above).
 */
public final class HistogramQuantile {
  private HistogramQuantile() {}

  /**
   * {@code boundaries} are the buckets' upper bounds (ascending); {@code counts} has one more
   * entry, the overflow bucket. Returns NaN for an empty histogram; an answer that falls in
   * the overflow bucket is the highest finite boundary, as nothing better is known.
   */
  public static double of(double q, List<Double> boundaries, List<Long> counts) {
    long total = counts.stream().mapToLong(Long::longValue).sum();
    if (total == 0) {
      return Double.NaN;
    }
    double rank = q * total;
    long below = 0;
    for (int i = 0; i < counts.size(); i++) {
      long inBucket = counts.get(i);
      if (below + inBucket >= rank && inBucket > 0) {
        if (i == boundaries.size()) {
          return boundaries.get(i - 1);
        }
        double lower = i == 0 ? 0 : boundaries.get(i - 1);
        double upper = boundaries.get(i);
        return lower + (upper - lower) * (rank - below) / inBucket;
      }
      below += inBucket;
    }
    return boundaries.get(boundaries.size() - 1);
  }
}
