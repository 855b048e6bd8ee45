package lab.observability;

import io.opentelemetry.exporter.prometheus.PrometheusMetricReader;
import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;

/**
 * The server's {@code /metrics} page in Prometheus' text format, on 127.0.0.1. Each scrape
 * asks the OpenTelemetry SDK for the current values (the reader is a pull reader: nothing
 * is computed between scrapes). Metric names are translated the Prometheus way:
 * {@code grpc.server.call.duration} in seconds becomes
 * {@code grpc_server_call_duration_seconds_bucket/_sum/_count}, counters get {@code _total}.
 *
 * <p>OpenTelemetry's own {@code PrometheusHttpServer} does the same, but cannot tell which
 * port it got when asked for port 0; tests need ephemeral ports, so this wires the same
 * reader to the Prometheus client's HTTP server, which can.
 */
public final class MetricsEndpoint implements AutoCloseable {
  private final HTTPServer http;

  private MetricsEndpoint(HTTPServer http) {
    this.http = http;
  }

  /** The reader to hand to {@link Telemetry#readBy}; start serving with {@link #serve}. */
  public static PrometheusMetricReader newReader() {
    return PrometheusMetricReader.create();
  }

  public static MetricsEndpoint serve(PrometheusMetricReader reader, int port)
      throws IOException {
    PrometheusRegistry registry = new PrometheusRegistry();
    registry.register(reader);
    HTTPServer http = HTTPServer.builder().hostname("127.0.0.1").port(port)
        .registry(registry).buildAndStart();
    return new MetricsEndpoint(http);
  }

  public int port() {
    return http.getPort();
  }

  public String url() {
    return "http://127.0.0.1:" + port() + "/metrics";
  }

  /** Stops serving; the reader itself stops with the SDK ({@link Telemetry#close}). */
  @Override
  public void close() {
    http.close();
  }
}
