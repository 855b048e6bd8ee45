package lab.observability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.ManagedChannelBuilder;
import io.grpc.Status.Code;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import lab.testing.GrpcCleanupExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole pipeline with the real tools: grpc-opentelemetry records every call on the
 * server, the Prometheus endpoint exposes it, a real Prometheus scrapes it, and its HTTP API
 * answers with the exact counts per method and status code of a known mix of calls.
 */
class PrometheusScrapeTest {
  private static final String SERVICE = "lab.work.Work/";

  @RegisterExtension
  final GrpcCleanupExtension grpc = new GrpcCleanupExtension();
  @TempDir
  Path dir;

  private ObservabilityServer.Running running;
  private WorkCalls calls;

  @BeforeEach
  void startTheServerWithMetrics() throws Exception {
    running = ObservabilityServer.start(0, 0);
    calls = new WorkCalls(grpc.register(ManagedChannelBuilder
        .forAddress("127.0.0.1", running.server().port()).usePlaintext().build()));
  }

  @AfterEach
  void stopIt() throws Exception {
    running.close();
  }

  @Test
  void prometheusCountsEveryCallByMethodAndStatusCode() throws Exception {
    Map<String, Long> expected = new TreeMap<>();
    makeTheMix(expected);

    try (PrometheusProcess prometheus = PrometheusProcess.start(dir,
        "127.0.0.1:" + running.metrics().port())) {
      PrometheusApi api = prometheus.api();
      assertEquals(expected, scrapedUntil(api, expected),
          "calls per method and status, as Prometheus has them");

      Map<String, Long> started = byLabels(api.query(
          "sum by (grpc_method) (grpc_server_call_started_total)"), "grpc_method");
      assertEquals(Map.of(SERVICE + "Chat", 3L, SERVICE + "Collect", 5L,
          SERVICE + "Offload", 7L, SERVICE + "Split", 5L, SERVICE + "Run", 11L), started);

      // Prometheus takes a series' first scraped value as its starting point, so rate()
      // only sees calls made after that: make the same mix again, now that it has scraped.
      makeTheMix(expected);
      assertEquals(expected, scrapedUntil(api, expected), "the second round added up");
      List<PrometheusApi.Sample> rates = api.query(PrometheusReport.rateQuery("1m"));
      assertEquals(5, rates.size(), "a rate for each method: " + rates);
      rates.forEach(s -> assertTrue(s.value() > 0, "rate of " + s));
      List<PrometheusApi.Sample> p99 = api.query(PrometheusReport.p99Query("1m"));
      assertEquals(5, p99.size(), "a p99 for each method: " + p99);
      p99.forEach(s -> assertTrue(s.value() > 0 && s.value() < 30, "p99 seconds of " + s));
    }
  }

  /** 40 calls: every method, OK and failing with codes of its own. */
  private void makeTheMix(Map<String, Long> expected) {
    make(expected, "Run", Code.OK, 6, r -> calls.run(r));
    make(expected, "Run", Code.NOT_FOUND, 3, r -> calls.run(r));
    make(expected, "Run", Code.INVALID_ARGUMENT, 2, r -> calls.run(r));
    make(expected, "Split", Code.OK, 4, r -> calls.split(r.toBuilder().setParts(3).build()));
    make(expected, "Split", Code.RESOURCE_EXHAUSTED, 1, r -> calls.split(r));
    make(expected, "Collect", Code.OK, 3, r -> calls.collect(List.of(ok(), r, ok())));
    make(expected, "Collect", Code.FAILED_PRECONDITION, 2, r -> calls.collect(List.of(ok(), r)));
    make(expected, "Chat", Code.OK, 2, r -> calls.chat(List.of(ok(), r)));
    make(expected, "Chat", Code.ABORTED, 1, r -> calls.chat(List.of(ok(), r, ok())));
    make(expected, "Offload", Code.OK, 5, r -> calls.offload(r));
    make(expected, "Offload", Code.UNAVAILABLE, 2, r -> calls.offload(r));
  }

  /** Prometheus' calls per method and status, once a scrape shows {@code expected}. */
  private static Map<String, Long> scrapedUntil(PrometheusApi api, Map<String, Long> expected)
      throws InterruptedException {
    return Polling.poll(
        () -> byLabels(api.query(PrometheusReport.BY_STATUS), "grpc_method", "grpc_status"),
        expected::equals, Duration.ofMillis(250), Duration.ofSeconds(60));
  }

  private interface Call {
    Code make(lab.proto.work.WorkRequest request);
  }

  /** Makes {@code n} calls that end with {@code code}, checks they did, and expects them. */
  private static void make(Map<String, Long> expected, String method, Code code, int n,
      Call call) {
    for (int i = 0; i < n; i++) {
      assertEquals(code, call.make(WorkCalls.request(method + "-" + i, code)), method);
    }
    expected.merge(SERVICE + method + " " + code.name(), (long) n, Long::sum);
  }

  private static lab.proto.work.WorkRequest ok() {
    return WorkCalls.request("fine", Code.OK);
  }

  private static Map<String, Long> byLabels(List<PrometheusApi.Sample> samples,
      String... labels) {
    Map<String, Long> values = new TreeMap<>();
    for (PrometheusApi.Sample s : samples) {
      List<String> key = new ArrayList<>();
      for (String label : labels) {
        key.add(s.label(label));
      }
      values.put(String.join(" ", key), Math.round(s.value()));
    }
    return values;
  }
}
