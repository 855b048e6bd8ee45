package lab.benchmarks.report;

import com.google.gson.Gson;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BinaryOperator;
import lab.benchmarks.peers.Targets;
import lab.benchmarks.peers.VideoLoad;
import lab.benchmarks.peers.VideoLoad.Figure;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.data.category.DefaultCategoryDataset;

/**
 * Turns the RESULT lines of every VideoLoad run (benchmarks/peers/run.sh) into peers.md: each
 * server's best figure over the rounds (highest rate, lowest latency: noise here only ever
 * makes a figure worse), the lab's ratio to each peer, the targets met or missed (Targets),
 * and a chart of the ratios.
 * Usage: {@code PeersReport results/costs-and-peers/peers.log results/costs-and-peers}
 */
public final class PeersReport {
  private static final String LAB = Targets.LAB;

  public static void main(String[] args) throws Exception {
    System.setProperty("java.awt.headless", "true");
    Map<String, Map<String, Double>> best = best(Files.readAllLines(Path.of(args[0])));
    StringBuilder md = new StringBuilder();
    md.append("| server | AddVideo calls/s (64 in flight) | ListVideos videos/s"
        + " | ping-pong median µs | ping-pong p99 µs |\n|---|---|---|---|---|\n");
    best.forEach((server, f) -> md.append(String.format("| %s | %,.0f | %,.0f | %.0f | %.0f |%n",
        server, f.get("unary"), f.get("list"), f.get("pingpong_p50"), f.get("pingpong_p99"))));
    md.append("\nThe lab's VideoServer as a multiple of each peer (rates: lab ÷ peer, higher is"
        + " better; latencies: lab ÷ peer, lower is better):\n\n"
        + "| peer | AddVideo | ListVideos | ping-pong median | ping-pong p99 |\n"
        + "|---|---|---|---|---|\n");
    var chart = new DefaultCategoryDataset();
    Map<String, Double> lab = best.get(LAB);
    best.forEach((peer, f) -> {
      if (peer.equals(LAB)) {
        return;
      }
      md.append("| ").append(peer);
      for (String figure : VideoLoad.FIGURES) {
        double ratio = lab.get(figure) / f.get(figure);
        md.append(String.format(" | %.2f×", ratio));
        // The chart shows "how many times better": rates as they are, latencies inverted.
        chart.addValue(figure.startsWith("pingpong") ? 1 / ratio : ratio, peer, figure);
      }
      md.append(" |\n");
    });
    md.append(Targets.check(best)).append('\n');
    Files.writeString(Path.of(args[1], "peers.md"), md.toString());
    System.out.print(md);
    var bars = ChartFactory.createBarChart("The lab's VideoServer against each peer"
        + " (times better; 1 = even)", "figure", "lab vs peer (× better)", chart,
        PlotOrientation.VERTICAL, true, false, false);
    File png = Path.of(args[1], "peers.png").toFile();
    ChartUtils.saveChartAsPNG(png, bars, 900, 500);
    System.out.println("chart: " + png);
  }

  /** server -> figure -> its best value over every RESULT line, servers in order of appearance. */
  static Map<String, Map<String, Double>> best(List<String> lines) {
    Gson gson = new Gson();
    Map<String, Map<String, Double>> best = new LinkedHashMap<>();
    for (String line : lines) {
      if (!line.startsWith("RESULT ")) {
        continue;
      }
      Figure f = gson.fromJson(line.substring("RESULT ".length()), Figure.class);
      BinaryOperator<Double> better = f.figure().startsWith("pingpong") ? Math::min : Math::max;
      best.computeIfAbsent(f.label(), k -> new LinkedHashMap<>())
          .merge(f.figure(), f.value(), better);
    }
    return best;
  }
}
