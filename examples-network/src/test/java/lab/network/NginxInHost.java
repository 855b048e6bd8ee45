package lab.network;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import lab.testing.MainProcess;
import lab.testing.Required;
import lab.testing.Topology;

/**
 * nginx on one host as an L7 gRPC proxy (grpc_pass, round robin over the upstreams), in the
 * foreground, every file it writes in its own temporary directory. No upstream keepalive:
 * each call gets its own connection to a backend, so a backend that stops listening is simply
 * skipped (grpc_next_upstream retries a call whose connection failed before it was sent).
 */
final class NginxInHost implements AutoCloseable {
  private final Process process;
  private final Path dir;

  private NginxInHost(Process process, Path dir) {
    this.process = process;
    this.dir = dir;
  }

  static NginxInHost start(Topology net, String host, int port, List<String> backends)
      throws Exception {
    String nginx = Files.isExecutable(Path.of("/usr/sbin/nginx")) ? "/usr/sbin/nginx" : null;
    if (nginx == null) {
      Required.missing("nginx not found: install it with `apt-get install -y nginx` (as root)");
    }
    Path dir = Files.createTempDirectory("lab-nginx-net-");
    String servers = backends.stream().map(b -> "      server " + b + ";")
        .collect(Collectors.joining("\n"));
    Files.writeString(dir.resolve("nginx.conf"), String.join("\n",
        "daemon off;",
        "worker_processes 1;",
        "pid " + dir + "/nginx.pid;",
        "error_log " + dir + "/error.log warn;",
        "events { worker_connections 1024; }",
        "http {",
        "  access_log off;",
        "  client_body_temp_path " + dir + "/body;",
        "  proxy_temp_path " + dir + "/proxy;",
        "  fastcgi_temp_path " + dir + "/fastcgi;",
        "  uwsgi_temp_path " + dir + "/uwsgi;",
        "  scgi_temp_path " + dir + "/scgi;",
        "  upstream backends {",
        servers,
        "  }",
        "  server {",
        "    listen " + net.ipv4(host) + ":" + port + " http2;",
        "    location / {",
        "      grpc_pass grpc://backends;",
        "      grpc_next_upstream error timeout;",
        "    }",
        "  }",
        "}", ""));
    // nginx writes its pid file once its listening sockets are open: that file appearing is
    // the event to wait for (the port is in another namespace, out of the test JVM's reach)
    try (WatchService watch = dir.getFileSystem().newWatchService()) {
      dir.register(watch, StandardWatchEventKinds.ENTRY_CREATE);
      Process process = net.start(host, nginx, "-p", dir.toString(), "-c",
          dir.resolve("nginx.conf").toString(), "-e", dir.resolve("error.log").toString());
      NginxInHost proxy = new NginxInHost(process, dir);
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (!Files.exists(dir.resolve("nginx.pid"))) {
        long left = deadline - System.nanoTime();
        WatchKey key = left > 0 ? watch.poll(left, TimeUnit.NANOSECONDS) : null;
        if (key == null || !process.isAlive()) {
          proxy.close();
          throw new AssertionError("nginx did not start: " + Files.readString(
              dir.resolve("error.log")));
        }
        key.pollEvents();
        key.reset();
      }
      if (!net.run(host, "ss", "-ltn").contains(":" + port + " ")) {
        proxy.close();
        throw new AssertionError("nginx started but does not listen on " + port);
      }
      return proxy;
    }
  }

  @Override
  public void close() throws Exception {
    process.destroy();
    if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
    try (var files = Files.walk(dir)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    }
  }
}
