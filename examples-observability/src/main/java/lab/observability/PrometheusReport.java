package lab.observability;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import lab.common.Flags;
import lab.common.Main;

/**
 * Asks a Prometheus server, through its HTTP API, what it scraped from the work server: the
 * call rate and p99 latency per method, and the calls per status code, each printed next to
 * the PromQL that computed it, so you can paste the query into Prometheus' own web page.
 *
 * <p>Flags: {@code --prometheus URL} (default http://127.0.0.1:9090), {@code --window D}
 * (the range the rate and p99 look back over, default 1m), {@code --at T} (evaluate at
 * this Unix time in seconds, e.g. when a load run ended; default now).
 */
public final class PrometheusReport {
  public static String rateQuery(String window) {
    return "sum by (grpc_method) (rate(grpc_server_call_duration_seconds_count[" + window + "]))";
  }

  public static String p99Query(String window) {
    return "histogram_quantile(0.99, sum by (grpc_method, le) "
        + "(rate(grpc_server_call_duration_seconds_bucket[" + window + "])))";
  }

  public static final String BY_STATUS =
      "sum by (grpc_method, grpc_status) (grpc_server_call_duration_seconds_count)";

  static final String USAGE = "usage: ./run examples-observability PrometheusReport"
      + " [--window VALUE] [--prometheus VALUE] [--at VALUE]";

  public static void main(String[] args) throws Exception {
    Main.run(args, USAGE, PrometheusReport::run);
  }

  /** The main's body: the report, from the Prometheus at {@code --prometheus}. */
  static void run(Flags flags) throws Exception {
    {
      String window = flags.string("window", "1m");
      PrometheusApi prometheus = new PrometheusApi(
          flags.string("prometheus", "http://127.0.0.1:9090"));

      System.out.println("# " + rateQuery(window));
      System.out.println("# " + p99Query(window));
      String at = flags.string("at", "");
      Long time = at.isEmpty() ? null : (long) flags.integer("at", 0);
      Map<String, Double> rate = byMethod(prometheus.query(rateQuery(window), time));
      Map<String, Double> p99 = byMethod(prometheus.query(p99Query(window), time));
      System.out.printf("%-38s %10s %10s%n", "grpc_method", "calls/s", "p99 ms");
      rate.forEach((method, perSecond) -> {
        if (perSecond > 0) { // methods not called in the window have no rate and no p99
          System.out.printf("%-38s %10.2f %10.2f%n", method, perSecond,
              p99.getOrDefault(method, Double.NaN) * 1e3);
        }
      });

      System.out.println();
      // Totals are asked for now, not --at: the scrape after the load has every call in it.
      System.out.println("# " + BY_STATUS);
      System.out.printf("%-42s %-18s %8s%n", "grpc_method", "grpc_status", "calls");
      for (PrometheusApi.Sample s : prometheus.query(BY_STATUS).stream().sorted((a, b) ->
          (a.label("grpc_method") + a.label("grpc_status"))
              .compareTo(b.label("grpc_method") + b.label("grpc_status"))).toList()) {
        System.out.printf("%-42s %-18s %8.0f%n", s.label("grpc_method"), s.label("grpc_status"),
            s.value());
      }
    }
  }

  private static Map<String, Double> byMethod(List<PrometheusApi.Sample> samples) {
    Map<String, Double> values = new TreeMap<>();
    samples.forEach(s -> values.put(s.label("grpc_method"), s.value()));
    return values;
  }
}
