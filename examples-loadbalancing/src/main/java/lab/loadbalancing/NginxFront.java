package lab.loadbalancing;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.util.List;
import java.util.logging.Logger;
import lab.common.Main;

/**
 * Runs nginx in front of the backends until Ctrl-C, with a generated config in a temporary
 * directory (printed, so you can read it). {@code --mode l7} (grpc_pass, default port 50070)
 * or {@code --mode l4} (stream, default port 50071); {@code --port P};
 * {@code --backends host:port,...} (127.0.0.1:50061..50063).
 */
public final class NginxFront {
  private static final Logger log = Logger.getLogger(NginxFront.class.getName());

  static final String USAGE = "usage: ./run examples-loadbalancing NginxFront [--mode VALUE]"
      + " [--port N] [--backends VALUE]";

  public static void main(String[] args) throws Exception {
    Main.run(args, USAGE, flags -> {
      NginxProxy.Mode mode = NginxProxy.Mode.valueOf(flags.string("mode", "l7").toUpperCase());
      int port = flags.port(mode == NginxProxy.Mode.L7 ? 50070 : 50071);
      List<InetSocketAddress> backends = LoadBalancingClient.addresses(
          flags.string("backends", LoadBalancingClient.DEFAULT_BACKENDS));
      var binary = NginxProxy.findBinary().orElseThrow(
          () -> new IllegalStateException("nginx not found; install it: " + NginxProxy.INSTALL));
      NginxProxy proxy = NginxProxy.start(binary, mode, port, backends);
      log.info("nginx " + mode + " on 127.0.0.1:" + port + ", config "
          + proxy.directory().resolve("nginx.conf") + ":\n"
          + Files.readString(proxy.directory().resolve("nginx.conf")));
      Thread main = Thread.currentThread();
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        try {
          proxy.close();
          System.err.println("nginx stopped.");
        } catch (Exception e) {
          System.err.println("stopping nginx: " + e);
        }
      }, "stop-nginx"));
      main.join(); // until Ctrl-C; the hook stops nginx
    });
  }
}
