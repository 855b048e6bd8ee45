package lab.benchmarks.report;

import static lab.benchmarks.report.JmhJson.describe;
import static lab.benchmarks.report.JmhJson.name;
import static lab.benchmarks.report.JmhJson.params;
import static lab.benchmarks.report.JmhJson.percentile;
import static lab.benchmarks.report.JmhJson.secondary;

import com.google.gson.JsonObject;
import java.io.File;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.data.category.DefaultCategoryDataset;

/**
 * Turns JMH's JSON output into the README's results table (Markdown, on stdout) and a chart:
 * every streaming figure as a fraction of the raw-socket bandwidth of the same message size,
 * and every round trip as a multiple of the raw-socket ping-pong, both from the same run.
 * Usage:
 * {@code java -cp benchmarks.jar lab.benchmarks.report.ThroughputReport results/full.json results/}
 */
public final class ThroughputReport {
  public static void main(String[] args) throws Exception {
    System.setProperty("java.awt.headless", "true");
    List<JsonObject> results = JmhJson.load(Path.of(args[0]));
    Map<String, Double> rawBytesPerSecond = new HashMap<>();
    double rawPingPongMedian = Double.NaN;
    for (JsonObject r : results) {
      if (name(r).equals("RawSocketStreamBenchmark.stream")) {
        rawBytesPerSecond.put(params(r).get("size"), secondary(r, "bytes"));
      } else if (name(r).equals("RawSocketPingPongBenchmark.roundTrip")) {
        rawPingPongMedian = percentile(r, "50.0");
      }
    }
    var chart = new DefaultCategoryDataset();
    System.out.println("| benchmark | parameters | messages/s | MB/s | vs raw socket |");
    System.out.println("|---|---|---:|---:|---:|");
    for (JsonObject r : results) {
      if (!r.get("mode").getAsString().equals("thrpt")) {
        continue;
      }
      Map<String, String> p = params(r);
      double bytes = secondary(r, "bytes");
      Double raw = rawBytesPerSecond.get(p.get("size"));
      double ratio = raw == null ? Double.NaN : bytes / raw;
      System.out.printf("| %s | %s | %,.0f | %,.1f | %.2f |%n", name(r), describe(p),
          secondary(r, "messages"), bytes / 1e6, ratio);
      // Only Netty is charted: in-process passes messages by reference and copies no bytes,
      // so its "fraction of a socket" is not a bandwidth figure.
      if (name(r).startsWith("ServerStreaming") && "netty".equals(p.get("transport"))) {
        chart.addValue(ratio, p.get("transport") + " " + p.get("executor"), p.get("size") + " B");
      }
    }
    System.out.println();
    System.out.println("| round trip | parameters | median µs | p99 µs | median vs raw socket |");
    System.out.println("|---|---|---:|---:|---:|");
    for (JsonObject r : results) {
      if (r.get("mode").getAsString().equals("sample")) {
        double median = percentile(r, "50.0");
        System.out.printf("| %s | %s | %.1f | %.1f | %.2f× |%n", name(r), describe(params(r)),
            median, percentile(r, "99.0"), median / rawPingPongMedian);
      }
    }
    JFreeChart bars = ChartFactory.createBarChart(
        "gRPC server streaming over Netty as a fraction of raw-socket bandwidth (same run)",
        "message size", "fraction of raw socket", chart, PlotOrientation.VERTICAL,
        true, false, false);
    File png = Path.of(args[1], "server-streaming-vs-raw-socket.png").toFile();
    ChartUtils.saveChartAsPNG(png, bars, 1000, 560);
    System.out.println();
    System.out.println("chart: " + png);
  }
}
