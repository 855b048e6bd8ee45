package lab.observability;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.metrics.InstrumentType;
import io.opentelemetry.sdk.metrics.data.AggregationTemporality;
import io.opentelemetry.sdk.metrics.data.HistogramPointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.metrics.export.CollectionRegistration;
import io.opentelemetry.sdk.metrics.export.MetricReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The client's own view of its calls, read straight from the OpenTelemetry SDK: a metric
 * reader that collects on demand and sums {@code grpc.client.call.duration} per method —
 * calls, calls per status code, p50 and p99. {@code call.duration} counts whole calls;
 * {@code grpc.client.attempt.duration} would count retries and hedges separately.
 */
public final class ClientMetricsTable implements MetricReader {
  static final String CALL_DURATION = "grpc.client.call.duration";
  private static final AttributeKey<String> METHOD = AttributeKey.stringKey("grpc.method");
  private static final AttributeKey<String> STATUS = AttributeKey.stringKey("grpc.status");

  private volatile CollectionRegistration registration = CollectionRegistration.noop();

  /** One method's line: calls by status code (e.g. OK, NOT_FOUND) and latency in seconds. */
  public record Row(String method, long calls, Map<String, Long> byStatus, double p50,
      double p99) {
    public long errors() {
      return calls - byStatus.getOrDefault("OK", 0L);
    }
  }

  public List<Row> rows() {
    Map<String, List<HistogramPointData>> byMethod = new TreeMap<>();
    for (MetricData metric : registration.collectAllMetrics()) {
      if (metric.getName().equals(CALL_DURATION)) {
        for (HistogramPointData point : metric.getHistogramData().getPoints()) {
          byMethod.computeIfAbsent(point.getAttributes().get(METHOD), m -> new ArrayList<>())
              .add(point);
        }
      }
    }
    List<Row> rows = new ArrayList<>();
    byMethod.forEach((method, points) -> rows.add(row(method, points)));
    return rows;
  }

  private static Row row(String method, List<HistogramPointData> points) {
    Map<String, Long> byStatus = new TreeMap<>();
    List<Long> buckets = new ArrayList<>();
    long calls = 0;
    for (HistogramPointData point : points) { // one point per status code; same buckets
      calls += point.getCount();
      byStatus.merge(point.getAttributes().get(STATUS), point.getCount(), Long::sum);
      List<Long> counts = point.getCounts();
      for (int i = 0; i < counts.size(); i++) {
        if (i == buckets.size()) {
          buckets.add(0L);
        }
        buckets.set(i, buckets.get(i) + counts.get(i));
      }
    }
    List<Double> bounds = points.get(0).getBoundaries();
    return new Row(method, calls, byStatus, HistogramQuantile.of(0.5, bounds, buckets),
        HistogramQuantile.of(0.99, bounds, buckets));
  }

  /** The table as text, one line per method, latencies in milliseconds. */
  public String format() {
    StringBuilder out = new StringBuilder(String.format("%-38s %6s %6s  %-30s %8s %8s%n",
        "method", "calls", "errors", "errors by code", "p50 ms", "p99 ms"));
    for (Row row : rows()) {
      StringBuilder codes = new StringBuilder();
      row.byStatus().forEach((code, n) -> {
        if (!code.equals("OK")) {
          codes.append(codes.isEmpty() ? "" : " ").append(code).append('=').append(n);
        }
      });
      out.append(String.format("%-38s %6d %6d  %-30s %8.2f %8.2f%n", row.method(), row.calls(),
          row.errors(), codes.isEmpty() ? "-" : codes, row.p50() * 1e3, row.p99() * 1e3));
    }
    return out.toString();
  }

  @Override
  public void register(CollectionRegistration registration) {
    this.registration = registration;
  }

  /** Cumulative: every collection sees the totals since the start, as a table should. */
  @Override
  public AggregationTemporality getAggregationTemporality(InstrumentType type) {
    return AggregationTemporality.CUMULATIVE;
  }

  @Override
  public CompletableResultCode forceFlush() {
    return CompletableResultCode.ofSuccess();
  }

  @Override
  public CompletableResultCode shutdown() {
    registration = CollectionRegistration.noop();
    return CompletableResultCode.ofSuccess();
  }
}
