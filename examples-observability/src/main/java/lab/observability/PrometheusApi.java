package lab.observability;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The one Prometheus HTTP API call this lesson needs: an instant PromQL query
 * ({@code GET /api/v1/query?query=...}), answered as a list of labelled numbers.
 */
public final class PrometheusApi {
  private final HttpClient http = HttpClient.newBuilder()
      .connectTimeout(Duration.ofSeconds(5)).build();
  private final String baseUrl;

  /** {@code baseUrl} like {@code http://127.0.0.1:9090}. */
  public PrometheusApi(String baseUrl) {
    this.baseUrl = baseUrl;
  }

  /** One series of a result: its labels and its value at the query's instant. */
  public record Sample(Map<String, String> labels, double value) {
    public String label(String name) {
      return labels.getOrDefault(name, "");
    }
  }

  /** No Prometheus answers at the base URL: a ConnectException whose message says so. */
  public static final class NotReachable extends ConnectException {
    NotReachable(String baseUrl, ConnectException cause) {
      super("cannot reach Prometheus at " + baseUrl + " (connection refused): is it running?"
          + " examples-observability/demo.sh starts one");
      initCause(cause);
    }
  }

  public List<Sample> query(String promql) throws IOException, InterruptedException {
    return query(promql, null);
  }

  /** The query evaluated at {@code epochSeconds} (null: now). */
  public List<Sample> query(String promql, Long epochSeconds)
      throws IOException, InterruptedException {
    String url = baseUrl + "/api/v1/query?query="
        + URLEncoder.encode(promql, StandardCharsets.UTF_8)
        + (epochSeconds == null ? "" : "&time=" + epochSeconds);
    HttpResponse<String> response;
    try {
      response = http.send(HttpRequest.newBuilder(URI.create(url))
          .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    } catch (ConnectException e) {
      // Said in one line by Main: the usual mistake is a Prometheus that is not running.
      throw new NotReachable(baseUrl, e);
    }
    JsonObject body = JsonParser.parseString(response.body()).getAsJsonObject();
    if (!"success".equals(body.get("status").getAsString())) {
      throw new IOException("Prometheus refused `" + promql + "`: " + response.body());
    }
    List<Sample> samples = new ArrayList<>();
    for (JsonElement element : body.getAsJsonObject("data").getAsJsonArray("result")) {
      JsonObject series = element.getAsJsonObject();
      Map<String, String> labels = new TreeMap<>();
      series.getAsJsonObject("metric").entrySet()
          .forEach(e -> labels.put(e.getKey(), e.getValue().getAsString()));
      // "value" is [unix time, "number as text"]; the text may be NaN or +Inf.
      String value = series.getAsJsonArray("value").get(1).getAsString();
      samples.add(new Sample(labels, Double.parseDouble(value.replace("+Inf", "Infinity"))));
    }
    return samples;
  }

  /** Whether the server is up and has loaded its config ({@code GET /-/ready} is 200). */
  public boolean ready() {
    try {
      return http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/-/ready"))
          .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding())
          .statusCode() == 200;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
