package lab.benchmarks.report;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** Reading JMH's JSON results (-rf json): the few fields the report mains use. */
final class JmhJson {
  private JmhJson() {}

  static List<JsonObject> load(Path file) throws IOException {
    List<JsonObject> results = new ArrayList<>();
    for (JsonElement e : JsonParser.parseString(Files.readString(file)).getAsJsonArray()) {
      results.add(e.getAsJsonObject());
    }
    return results;
  }

  /** "Class.method", without the package. */
  static String name(JsonObject r) {
    String[] parts = r.get("benchmark").getAsString().split("\\.");
    return parts[parts.length - 2] + "." + parts[parts.length - 1];
  }

  static Map<String, String> params(JsonObject r) {
    Map<String, String> params = new TreeMap<>();
    if (r.has("params")) {
      r.getAsJsonObject("params").entrySet()
          .forEach(e -> params.put(e.getKey(), e.getValue().getAsString()));
    }
    return params;
  }

  static String describe(Map<String, String> params) {
    return params.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
        .collect(Collectors.joining(", "));
  }

  static boolean throughput(JsonObject r) {
    return r.get("mode").getAsString().equals("thrpt");
  }

  /** A secondary metric's score (an aux counter's rate), or NaN when the run has none. */
  static double secondary(JsonObject r, String name) {
    JsonObject metrics = r.getAsJsonObject("secondaryMetrics");
    return metrics.has(name)
        ? metrics.getAsJsonObject(name).get("score").getAsDouble() : Double.NaN;
  }

  /**
   * The median over measured iterations of an aux counter. For a rate it keeps one slow
   * iteration (a hiccup of a shared VM) from moving the figure as it moves JMH's mean; for an
   * EVENTS counter it is the only right reading: JMH's score for those is the sum over
   * iterations, right for counts and wrong for a percentile.
   */
  static double iterationMedian(JsonObject r, String name) {
    JsonObject metrics = r.getAsJsonObject("secondaryMetrics");
    if (!metrics.has(name)) {
      return Double.NaN;
    }
    List<Double> values = new ArrayList<>();
    for (JsonElement fork : metrics.getAsJsonObject(name).getAsJsonArray("rawData")) {
      fork.getAsJsonArray().forEach(v -> values.add(v.getAsDouble()));
    }
    values.sort(null);
    int n = values.size();
    return n % 2 == 1 ? values.get(n / 2) : (values.get(n / 2 - 1) + values.get(n / 2)) / 2;
  }

  static double percentile(JsonObject r, String p) {
    return r.getAsJsonObject("primaryMetric").getAsJsonObject("scorePercentiles").get(p)
        .getAsDouble();
  }
}
