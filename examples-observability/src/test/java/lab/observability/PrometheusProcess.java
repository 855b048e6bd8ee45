package lab.observability;

import static lab.testing.Ports.freePort;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import lab.testing.Required;

/**
 * A real Prometheus server for one test: generated config, TSDB and log in the test's temp
 * dir, listening on a free loopback port, scraping one target every second, stopped by
 * {@link #close}. Missing binary: the test fails in CI (which must install it) and is
 * skipped elsewhere, saying how to install it ({@link Required#missing}).
 */
final class PrometheusProcess implements AutoCloseable {
  static final String INSTALL = "apt-get install -y prometheus";

  private final Process process;
  private final Path log;
  private final PrometheusApi api;

  private PrometheusProcess(Process process, Path log, int port) {
    this.process = process;
    this.log = log;
    this.api = new PrometheusApi("http://127.0.0.1:" + port);
  }

  PrometheusApi api() {
    return api;
  }

  /** Starts Prometheus scraping {@code target} ("127.0.0.1:port") and waits until ready. */
  static PrometheusProcess start(Path dir, String target) throws Exception {
    Path binary = binaryOrSkip();
    Path config = dir.resolve("prometheus.yml");
    Files.writeString(config, """
        global:
          scrape_interval: 1s
          scrape_timeout: 1s
          evaluation_interval: 1s
        scrape_configs:
          - job_name: work-server
            static_configs:
              - targets: ['%s']
        """.formatted(target));
    // The free port is found by binding and releasing it; another process could take it in
    // between, so a Prometheus that dies at once is retried on a new port.
    for (int attempt = 1; ; attempt++) {
      int port = freePort();
      Path log = dir.resolve("prometheus-" + attempt + ".log");
      Process process = new ProcessBuilder(binary.toString(),
          "--config.file=" + config, "--storage.tsdb.path=" + dir.resolve("data-" + attempt),
          "--web.listen-address=127.0.0.1:" + port)
          .redirectErrorStream(true).redirectOutput(log.toFile()).start();
      PrometheusProcess prometheus = new PrometheusProcess(process, log, port);
      Boolean ready = Polling.poll(() -> prometheus.api.ready() || !process.isAlive(),
          done -> done, Duration.ofMillis(200), Duration.ofSeconds(60));
      if (Boolean.TRUE.equals(ready) && process.isAlive()) {
        return prometheus;
      }
      String output = prometheus.log();
      prometheus.close();
      if (attempt == 3) {
        throw new AssertionError("Prometheus did not become ready:\n" + output);
      }
    }
  }

  String log() throws IOException {
    return Files.readString(log);
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy(); // SIGTERM: Prometheus closes its TSDB and exits
    if (!process.waitFor(20, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
  }

  private static Path binaryOrSkip() {
    Path binary = Required.onPath("prometheus");
    if (binary == null) {
      Required.missing("prometheus not found on PATH: install it with `" + INSTALL + "`"
          + " (Debian/Ubuntu)");
    }
    return binary;
  }
}
