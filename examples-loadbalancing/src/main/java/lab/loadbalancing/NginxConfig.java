package lab.loadbalancing;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/** The nginx configuration for one run: foreground, private paths, one upstream of backends. */
public final class NginxConfig {
  private NginxConfig() {}

  public static String render(NginxProxy.Mode mode, Path dir, int port,
      List<InetSocketAddress> backends) {
    // Round robin over the upstream servers is nginx's default: no directive needed.
    String upstream = backends.stream()
        .map(b -> "    server " + b.getHostString() + ":" + b.getPort() + ";")
        .collect(Collectors.joining("\n", "  upstream backends {\n", "\n  }\n"));
    String common = """
        daemon off;
        worker_processes 1;
        pid %1$s/nginx.pid;
        error_log %1$s/error.log notice;
        """.formatted(dir);
    String events = "events { worker_connections 512; }\n";
    if (mode == NginxProxy.Mode.L4) {
      // The stream module is a separate Debian package, loaded at run time.
      return "load_module " + NginxProxy.STREAM_MODULE + ";\n" + common + events + """
          stream {
          %s  server {
              listen 127.0.0.1:%d;
              proxy_pass backends;
            }
          }
          """.formatted(upstream, port);
    }
    return common + events + """
        http {
          access_log off;
          client_body_temp_path %1$s/client_body;
          proxy_temp_path %1$s/proxy;
          fastcgi_temp_path %1$s/fastcgi;
          uwsgi_temp_path %1$s/uwsgi;
          scgi_temp_path %1$s/scgi;
        %2$s  server {
            listen 127.0.0.1:%3$d http2;
            location / {
              grpc_pass grpc://backends;
            }
          }
        }
        """.formatted(dir, upstream, port);
  }
}
