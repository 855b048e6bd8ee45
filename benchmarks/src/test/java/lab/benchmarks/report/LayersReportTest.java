package lab.benchmarks.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** LayersReport on a made-up run whose shares are known: 16-byte messages, gRPC at 1 µs. */
class LayersReportTest {
  private static final Map<String, Double> MESSAGES_PER_SECOND = Map.of(
      "socket", 10e6, "nio", 20e6, "netty", 10e6, "http2", 5e6, "grpc", 1e6);

  @Test
  void theLimitIsTheFasterRawLayerAndTheSharesAddUpToGrpcsTime(@TempDir Path dir)
      throws Exception {
    Path json = dir.resolve("run.json");
    Files.writeString(json, run().toString());

    LayersReport.main(new String[] {json.toString(), dir.toString()});

    List<String> rows = Files.readAllLines(dir.resolve("layers.md"));
    // ns/message: NIO 50 (the limit), Netty 100, HTTP/2 200, gRPC 1,000
    assertEquals("| 16 B | raw socket, blocking streams | 160.0 | 10,000,000 | 0.50 | 100.0 | — "
        + "| — (not in the chain) |", rows.get(2));
    assertEquals("| 16 B | **raw NIO, direct buffers (the limit)** | 320.0 | 20,000,000 | 1.00 "
        + "| 50.0 | 50.0 | 5% |", rows.get(3));
    assertTrue(rows.get(4).endsWith("| 100.0 | 50.0 | 5% |"), rows.get(4));
    assertTrue(rows.get(5).endsWith("| 200.0 | 100.0 | 10% |"), rows.get(5));
    assertTrue(rows.get(6).endsWith("| 1,000.0 | 800.0 | 80% |"), rows.get(6));
    assertTrue(Files.size(dir.resolve("layers.png")) > 0);
  }

  /** JMH's JSON, as much of it as the report reads, plus another benchmark to skip. */
  private static JsonArray run() {
    var results = new JsonArray();
    results.add(result("lab.benchmarks.throughput.RawSocketStreamBenchmark.stream", "nio", 1));
    MESSAGES_PER_SECOND.forEach((layer, messages) ->
        results.add(result("lab.benchmarks.layers.LayersBenchmark.stream", layer, messages)));
    return results;
  }

  private static JsonObject result(String benchmark, String layer, double messages) {
    var r = new JsonObject();
    r.addProperty("benchmark", benchmark);
    var params = new JsonObject();
    params.addProperty("layer", layer);
    params.addProperty("size", "16");
    r.add("params", params);
    var aux = new JsonObject();
    aux.add("messages", score(messages));
    aux.add("bytes", score(messages * 16));
    r.add("secondaryMetrics", aux);
    return r;
  }

  private static JsonObject score(double value) {
    var metric = new JsonObject();
    metric.addProperty("score", value);
    var iterations = new JsonArray();
    iterations.add(value);
    var forks = new JsonArray();
    forks.add(iterations);
    metric.add("rawData", forks); // one fork, one iteration: the median is the value
    return metric;
  }
}
