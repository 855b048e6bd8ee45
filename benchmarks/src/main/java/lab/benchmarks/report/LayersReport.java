package lab.benchmarks.report;

import com.google.gson.JsonObject;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import lab.benchmarks.layers.Layers;

/**
 * LayersBenchmark's results as a Markdown table (OUTDIR/layers.md, also printed) and a chart
 * (OUTDIR/layers.png, LayersChart). The limit at each size is the faster raw layer (blocking
 * socket or NIO); from it up, each layer's share of gRPC's cost is the time per message it
 * adds over the layer below, so the shares of the limit, Netty, HTTP/2 and gRPC add up to
 * gRPC's own time per message. Each figure is the median of the measured iterations.
 * Usage: {@code java -cp benchmarks.jar lab.benchmarks.report.LayersReport results.json OUTDIR}
 */
public final class LayersReport {
  /** How the chart labels each link of {@link #chain}, the limit first. */
  private static final List<String> PARTS =
      List.of("raw limit", "+ Netty pipeline", "+ HTTP/2", "+ gRPC");

  /** One measured layer at one size: rates per second from JMH's aux counters. */
  record Figures(double messages, double bytes) {
    double nanosPerMessage() {
      return 1e9 / messages;
    }
  }

  public static void main(String[] args) throws Exception {
    Map<Integer, Map<String, Figures>> bySize = read(Path.of(args[0]));
    Path out = Path.of(args[1]);
    Files.createDirectories(out);
    String table = table(bySize);
    Files.writeString(out.resolve("layers.md"), table);
    System.out.print(table);
    LayersChart.save(chartParts(bySize), out.resolve("layers.png"));
    System.out.println("chart: " + out.resolve("layers.png"));
  }

  /** Size → layer → figures, for the sizes where every layer was measured. */
  static Map<Integer, Map<String, Figures>> read(Path json) throws Exception {
    Map<Integer, Map<String, Figures>> bySize = new TreeMap<>();
    for (JsonObject r : JmhJson.load(json)) {
      if (!JmhJson.name(r).equals("LayersBenchmark.stream")) {
        continue;
      }
      Map<String, String> params = JmhJson.params(r);
      // the median of the measured iterations: one slow iteration must not move a layer
      bySize.computeIfAbsent(Integer.parseInt(params.get("size")), s -> new TreeMap<>())
          .put(params.get("layer"), new Figures(JmhJson.iterationMedian(r, "messages"),
              JmhJson.iterationMedian(r, "bytes")));
    }
    bySize.values().removeIf(layers -> !layers.keySet().containsAll(Layers.ALL));
    return bySize;
  }

  /** The raw layer the others are measured against: whichever raw loop ran faster. */
  static String limit(Map<String, Figures> layers) {
    return layers.get("nio").messages() >= layers.get("socket").messages() ? "nio" : "socket";
  }

  /** The chain of layers whose added costs sum to gRPC's: the limit, then each layer on it. */
  static List<String> chain(Map<String, Figures> layers) {
    return List.of(limit(layers), "netty", "http2", "grpc");
  }

  /** Per size, the chain's layers as stacked parts: each the ns per message it adds. */
  static Map<String, List<LayersChart.Part>> chartParts(
      Map<Integer, Map<String, Figures>> bySize) {
    Map<String, List<LayersChart.Part>> panels = new LinkedHashMap<>();
    bySize.forEach((size, layers) -> {
      List<String> chain = chain(layers);
      List<LayersChart.Part> parts = new ArrayList<>();
      double below = 0;
      for (int i = 0; i < chain.size(); i++) {
        double ns = layers.get(chain.get(i)).nanosPerMessage();
        String label = i == 0 ? PARTS.get(0) + " (" + chain.get(0) + ")" : PARTS.get(i);
        parts.add(new LayersChart.Part(label, ns - below));
        below = ns;
      }
      panels.put(size(size), parts);
    });
    return panels;
  }

  static String table(Map<Integer, Map<String, Figures>> bySize) {
    var text = new java.io.StringWriter();
    var md = new PrintWriter(text);
    md.println("| size | layer | MB/s | messages/s | vs limit | ns/message | adds ns/message"
        + " | share of gRPC's time |");
    md.println("|---:|---|---:|---:|---:|---:|---:|---:|");
    for (var entry : bySize.entrySet()) {
      Map<String, Figures> layers = entry.getValue();
      Figures limit = layers.get(limit(layers));
      double grpc = layers.get("grpc").nanosPerMessage();
      List<String> chain = chain(layers);
      for (String layer : Layers.ALL) {
        Figures f = layers.get(layer);
        int below = chain.indexOf(layer) - 1;
        String added = "—";
        String share = "— (not in the chain)";
        if (chain.contains(layer)) {
          double base = below < 0 ? 0 : layers.get(chain.get(below)).nanosPerMessage();
          double ns = f.nanosPerMessage() - base;
          added = String.format("%,.1f", ns);
          share = String.format("%.0f%%", 100 * ns / grpc);
        }
        md.printf("| %s | %s | %,.1f | %,.0f | %.2f | %,.1f | %s | %s |%n",
            size(entry.getKey()), label(layer, layer.equals(limit(layers))), f.bytes() / 1e6,
            f.messages(), f.messages() / limit.messages(), f.nanosPerMessage(), added, share);
      }
    }
    md.flush();
    return text.toString();
  }

  static String size(int bytes) {
    return bytes >= 1024 ? bytes / 1024 + " KiB" : bytes + " B";
  }

  static String label(String layer, boolean isLimit) {
    String name = switch (layer) {
      case "socket" -> "raw socket, blocking streams";
      case "nio" -> "raw NIO, direct buffers";
      case "netty" -> "Netty pipeline, no HTTP/2";
      case "http2" -> "Netty HTTP/2, no gRPC";
      case "grpc" -> "grpc-java (Netty, direct)";
      default -> layer;
    };
    return isLimit ? "**" + name + " (the limit)**" : name;
  }
}
