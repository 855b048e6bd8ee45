package lab.observability;

import io.grpc.services.AdminInterface;
import io.opentelemetry.exporter.prometheus.PrometheusMetricReader;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.logging.Logger;
import lab.common.LabServer;
import lab.common.Main;

/**
 * The work service, observable three ways: per-method metrics on a Prometheus endpoint,
 * channelz through the admin services, and a call id in every log line of a call.
 *
 * <p>Flags: {@code --port N} (gRPC, default 50059), {@code --metrics-port N} (the
 * Prometheus page, default 9464, OpenTelemetry's usual port; 0 picks a free one).
 */
public final class ObservabilityServer {
  private static final Logger log = Logger.getLogger(ObservabilityServer.class.getName());
  public static final int DEFAULT_PORT = 50059;
  public static final int DEFAULT_METRICS_PORT = 9464;

  /** Everything the server owns, closed in the order that loses no data. */
  public record Running(LabServer server, MetricsEndpoint metrics, Telemetry telemetry,
      ExecutorService offloadPool) implements AutoCloseable {
    @Override
    public void close() throws InterruptedException {
      server.shutdownGracefully(Duration.ofSeconds(5)); // in-flight calls finish first
      offloadPool.shutdownNow();
      metrics.close();
      telemetry.close();
    }
  }

  static final String USAGE = "usage: ./run examples-observability ObservabilityServer [--port N]"
      + " [--metrics-port N]";

  public static void main(String[] args) throws Exception {
    Main.run(args, USAGE, flags -> {
      CallIdFormatter.installOnRootHandlers();
      Running running = start(flags.port(DEFAULT_PORT),
          flags.integer("metrics-port", DEFAULT_METRICS_PORT));
      log.info(() -> "Prometheus metrics on " + running.metrics().url()
          + "; channelz via the admin services on the gRPC port");
      running.server().blockUntilShutdown();
      running.offloadPool().shutdownNow();
      running.metrics().close();
      running.telemetry().close();
    });
  }

  public static Running start(int port, int metricsPort) throws IOException {
    PrometheusMetricReader reader = MetricsEndpoint.newReader();
    Telemetry telemetry = Telemetry.readBy(reader);
    MetricsEndpoint metrics = MetricsEndpoint.serve(reader, metricsPort);
    ExecutorService offloadPool = Executors.newFixedThreadPool(2, r -> {
      Thread t = new Thread(r, "offload-pool");
      t.setDaemon(true);
      return t;
    });
    LabServer.Builder builder = LabServer.onPort(port)
        .addService(new WorkService(offloadPool))
        .intercept(new CallIdServerInterceptor())
        .configure(telemetry::instrument);
    // channelz (and CSDS when xDS is on the classpath): the services grpcdebug talks to.
    AdminInterface.getStandardServices().forEach(builder::addService);
    return new Running(builder.start(), metrics, telemetry, offloadPool);
  }
}
