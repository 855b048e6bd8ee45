package lab.loadbalancing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;
import lab.common.Main;

/**
 * Starts N backends on consecutive ports (default 127.0.0.1:50061, 50062, 50063), named
 * backend-1, backend-2, ... so a client can see which one served each call.
 *
 * <p>Flags: {@code --count N} (3), {@code --port P} (first port, 50061),
 * {@code --not-serving I} (backend I reports NOT_SERVING from the start, while still accepting
 * calls), {@code --busy I} (backend I reports 4x the CPU per call), {@code --failing I} (backend
 * I fails every second call with UNAVAILABLE, its health still SERVING),
 * {@code --max-connection-age-ms MS} (0 = unlimited) with {@code --grace-ms MS} (5000).
 */
public final class BackendServer {
  private static final Logger log = Logger.getLogger(BackendServer.class.getName());
  public static final int DEFAULT_PORT = 50061;

  static final String USAGE = "usage: ./run examples-loadbalancing BackendServer [--count N]"
      + " [--port N] [--not-serving N] [--busy N] [--failing N] [--max-connection-age-ms N]"
      + " [--grace-ms N]";
  /** How much more CPU a call costs on the --busy backend, in its load reports. */
  static final double BUSY_FACTOR = 4;

  public static void main(String[] args) throws Exception {
    Main.run(args, USAGE, flags -> {
      int count = flags.integer("count", 3);
      int firstPort = flags.port(DEFAULT_PORT);
      int notServing = flags.integer("not-serving", 0);
      int busy = flags.integer("busy", 0);
      int failing = flags.integer("failing", 0);
      int maxAgeMs = flags.integer("max-connection-age-ms", 0);
      Duration maxAge = maxAgeMs > 0 ? Duration.ofMillis(maxAgeMs) : null;
      Duration grace = Duration.ofMillis(flags.integer("grace-ms", 5000));

      List<Backend> backends = new ArrayList<>();
      for (int i = 1; i <= count; i++) {
        int port = firstPort == 0 ? 0 : firstPort + i - 1;
        Backend backend = Backend.start("backend-" + i, port, maxAge, grace);
        backend.setServing(i != notServing);
        backend.setBusy(i == busy ? BUSY_FACTOR : 1);
        backend.failOneCallIn(i == failing ? 2 : 0);
        log.info(backend.name() + " on 127.0.0.1:" + backend.port()
            + (i == notServing ? " (health: NOT_SERVING)" : "")
            + (i == busy ? " (busy: reports " + BUSY_FACTOR + "x the CPU per call)" : "")
            + (i == failing ? " (fails every second call, health SERVING)" : "")
            + (maxAge != null ? " (max connection age " + maxAge.toMillis() + " ms)" : ""));
        backends.add(backend);
      }
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        System.err.println("Shutting down " + backends.size() + " backends...");
        for (Backend backend : backends) {
          try {
            backend.close();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        }
      }, "graceful-shutdown"));
      for (Backend backend : backends) {
        backend.server().server().awaitTermination();
      }
    });
  }
}
