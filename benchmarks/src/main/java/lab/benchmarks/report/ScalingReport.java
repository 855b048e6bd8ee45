package lab.benchmarks.report;

import static lab.benchmarks.report.JmhJson.iterationMedian;
import static lab.benchmarks.report.JmhJson.params;

import com.google.gson.JsonObject;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.CombinedDomainCategoryPlot;
import org.jfree.chart.renderer.category.LineAndShapeRenderer;
import org.jfree.data.category.DefaultCategoryDataset;

/**
 * The scaling curves: for each sweep (a ScalingBenchmark JSON in which one parameter varies),
 * a table of throughput and round-trip percentiles, and a chart with throughput on top and
 * p50/p99 latency (log scale) below; every figure is the median of the measured iterations.
 * Usage: {@code ScalingReport OUTDIR PARAM=FILE.json ...} (PARAM: streams, connections or
 * size); writes scaling.md and scaling-PARAM.png.
 */
public final class ScalingReport {
  public static void main(String[] args) throws Exception {
    System.setProperty("java.awt.headless", "true");
    Path out = Path.of(args[0]);
    try (var md = new PrintStream(out.resolve("scaling.md").toFile(), StandardCharsets.UTF_8)) {
      for (int i = 1; i < args.length; i++) {
        String param = args[i].substring(0, args[i].indexOf('='));
        List<JsonObject> sweep = JmhJson.load(Path.of(args[i].substring(param.length() + 1)));
        sweep.sort(Comparator.comparingLong(r -> Long.parseLong(params(r).get(param))));
        sweep(param, sweep, md, out);
      }
    }
    System.out.print(Files.readString(out.resolve("scaling.md")));
  }

  private static void sweep(String param, List<JsonObject> sweep, PrintStream md, Path out)
      throws Exception {
    var fixed = params(sweep.get(0));
    fixed.remove(param);
    md.printf("%n**%s** (fixed: %s)%n%n", param, JmhJson.describe(fixed));
    md.printf("| %s | round trips/s | MB/s one way | p50 µs | p99 µs |%n", param);
    md.println("|---:|---:|---:|---:|---:|");
    boolean bytesChart = param.equals("size");
    var throughput = new DefaultCategoryDataset();
    var latency = new DefaultCategoryDataset();
    for (JsonObject r : sweep) {
      String x = params(r).get(param);
      double trips = iterationMedian(r, "messages");
      double mbs = iterationMedian(r, "bytes") / 1e6;
      double p50 = iterationMedian(r, "p50Micros");
      double p99 = iterationMedian(r, "p99Micros");
      md.printf("| %s | %,.0f | %,.1f | %,.1f | %,.1f |%n", x, trips, mbs, p50, p99);
      throughput.addValue(bytesChart ? mbs : trips,
          bytesChart ? "MB/s one way" : "round trips/s", x);
      latency.addValue(p50, "p50", x);
      latency.addValue(p99, "p99", x);
    }
    var top = new CategoryPlot(throughput, null,
        new NumberAxis(bytesChart ? "MB/s one way" : "round trips/s"), new LineAndShapeRenderer());
    var bottom = new CategoryPlot(latency, null, Charts.logAxis("round trip µs (log)", 1),
        new LineAndShapeRenderer());
    var plot = new CombinedDomainCategoryPlot(new CategoryAxis(param));
    plot.add(top, 1);
    plot.add(bottom, 1);
    var chart = new JFreeChart("Closed-loop echo: throughput and latency against " + param,
        JFreeChart.DEFAULT_TITLE_FONT, plot, true);
    ChartUtils.saveChartAsPNG(out.resolve("scaling-" + param + ".png").toFile(), chart, 900, 700);
  }
}
