package lab.benchmarks.report;

import static lab.benchmarks.report.JmhJson.iterationMedian;
import static lab.benchmarks.report.JmhJson.name;
import static lab.benchmarks.report.JmhJson.params;
import static lab.benchmarks.report.JmhJson.throughput;

import com.google.gson.JsonObject;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import lab.benchmarks.ladder.Tuning;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.data.category.DefaultCategoryDataset;

/**
 * The tuning ladder's table and chart: every rung's payload bandwidth as a fraction of the
 * limit — the fastest raw-socket stream of the same payload size in the given runs (any
 * RawSocket* result, or LayersBenchmark's "socket" and "nio" layers). Every figure is the
 * median of the measured iterations. A rung whose settings are the same alone and cumulative
 * (default, direct) may be measured once.
 * Usage: {@code LadderReport OUTDIR RESULTS.json ...} (JMH JSON files holding the ladder and
 * the limit); writes ladder.md and ladder.png in OUTDIR.
 */
public final class LadderReport {
  public static void main(String[] args) throws Exception {
    System.setProperty("java.awt.headless", "true");
    Path out = Path.of(args[0]);
    Map<String, Double> limit = new HashMap<>();
    Map<String, Double> bytes = new HashMap<>();
    for (int i = 1; i < args.length; i++) {
      for (JsonObject r : JmhJson.load(Path.of(args[i]))) {
        Map<String, String> p = params(r);
        String layer = p.getOrDefault("layer", "");
        if (name(r).startsWith("TuningLadder")) {
          String key = p.get("step") + "/" + p.get("mode") + "/" + p.get("size");
          bytes.put(key, iterationMedian(r, "bytes"));
        } else if (throughput(r) && (name(r).startsWith("RawSocket")
            || layer.equals("socket") || layer.equals("nio"))) {
          limit.merge(p.get("size"), iterationMedian(r, "bytes"), Math::max);
        }
      }
    }
    var chart = new DefaultCategoryDataset();
    try (var md = new PrintStream(out.resolve("ladder.md").toFile(), StandardCharsets.UTF_8)) {
      md.println("| rung | 16 B payloads/s, cumulative (× limit) | 16 B, alone (× limit)"
          + " | 1 KiB MB/s, cumulative (× limit) | 1 KiB, alone (× limit) |");
      md.println("|---|---:|---:|---:|---:|");
      md.printf("| **the limit**: fastest raw layer | %,.0f (1.00) | | %,.1f (1.00) | |%n",
          limit.getOrDefault("16", Double.NaN) / 16, limit.getOrDefault("1024", Double.NaN) / 1e6);
      for (String step : Tuning.STEPS) {
        md.printf("| %s |", step);
        for (String size : List.of("16", "1024")) {
          for (String mode : List.of("cumulative", "alone")) {
            boolean same = Tuning.of(step, true).equals(Tuning.of(step, false));
            double b = bytes.getOrDefault(step + "/" + mode + "/" + size,
                same ? bytes.getOrDefault(step + "/cumulative/" + size, Double.NaN) : Double.NaN);
            double ratio = b / limit.getOrDefault(size, Double.NaN);
            String rate = size.equals("16") ? String.format("%,.0f", b / 16)
                : String.format("%,.1f", b / 1e6);
            md.printf(" %s (%s) |", rate, fraction(ratio));
            chart.addValue(ratio, (size.equals("16") ? "16 B " : "1 KiB ") + mode, step);
          }
        }
        md.println();
      }
    }
    JFreeChart lines = ChartFactory.createLineChart(
        "Tuning ladder: payload bandwidth as a fraction of the raw-socket limit (same run)",
        "rung (cumulative: this knob and every one to its left)", "fraction of the limit (log)",
        chart, PlotOrientation.VERTICAL, true, false, false);
    lines.getCategoryPlot().setRangeAxis(Charts.logAxis("fraction of the limit (log)", 1e-3));
    ChartUtils.saveChartAsPNG(out.resolve("ladder.png").toFile(), lines, 1100, 600);
    System.out.print(java.nio.file.Files.readString(out.resolve("ladder.md")));
  }

  /** Three decimals, or four significant ones below 0.01: 0.0004 must not print as 0.000. */
  static String fraction(double ratio) {
    return String.format(ratio < 0.01 ? "%.4f" : "%.3f", ratio);
  }
}
