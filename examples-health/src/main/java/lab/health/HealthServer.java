package lab.health;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import lab.common.LabServer;
import lab.common.Main;
import lab.proto.video.VideoServiceGrpc;
import lab.services.VideoService;
import lab.services.VideoStore;

/**
 * The video service with health checking done right: health answers on its own executor,
 * the video service's status follows a (simulated) storage dependency, and shutdown turns
 * everything NOT_SERVING before the server stops accepting calls (LabServer).
 *
 * <p>Flags: {@code --port N} (default 50055), {@code --threads N} (the main executor's size,
 * default 4), {@code --flap-seconds N} (take the storage dependency down and up every N
 * seconds, default 0 = never), so you can watch a probe see the changes,
 * {@code --drain-delay-ms N} (on shutdown, keep serving N ms after going NOT_SERVING so
 * polling probes notice first; default 0; Kubernetes users get the same from a preStop pause).
 */
public final class HealthServer {
  public static final int DEFAULT_PORT = 50055;

  /** The server plus the executors it owns, which must be shut down with it. */
  public record Running(LabServer server, DependencyMonitor storage,
      List<ExecutorService> executors) {
    public void shutdownExecutors() {
      executors.forEach(ExecutorService::shutdownNow);
    }
  }

  static final String USAGE = "usage: ./run examples-health HealthServer [--port N] [--threads N]"
      + " [--drain-delay-ms N] [--flap-seconds N]";

  public static void main(String[] args) throws Exception {
    Main.run(args, USAGE, flags -> {
      Running running = start(flags.port(DEFAULT_PORT), flags.integer("threads", 4),
          Duration.ofMillis(flags.integer("drain-delay-ms", 0)));
      int flap = flags.integer("flap-seconds", 0);
      if (flap > 0) {
        ScheduledExecutorService flapper = Executors.newSingleThreadScheduledExecutor(r -> {
          Thread t = new Thread(r, "storage-flapper");
          t.setDaemon(true);
          return t;
        });
        boolean[] down = {false};
        flapper.scheduleAtFixedRate(() -> {
          down[0] = !down[0];
          if (down[0]) {
            running.storage().dependencyDown();
          } else {
            running.storage().dependencyUp();
          }
        }, flap, flap, TimeUnit.SECONDS);
      }
      running.server().blockUntilShutdown();
      running.shutdownExecutors();
    });
  }

  public static Running start(int port, int mainThreads) throws IOException {
    return start(port, mainThreads, Duration.ZERO);
  }

  public static Running start(int port, int mainThreads, Duration drainDelay)
      throws IOException {
    ExecutorService services = Executors.newFixedThreadPool(mainThreads);
    ExecutorService health = Executors.newSingleThreadExecutor();
    ExecutorService dispatch = Executors.newSingleThreadExecutor(); // method lookups only
    LabServer server = LabServer.onPort(port)
        .drainDelay(drainDelay)
        .addService(new VideoService(new VideoStore()))
        .configure(netty -> netty.executor(dispatch)
            .callExecutor(new HealthOnOwnExecutor(health, services)))
        .start();
    var storage = new DependencyMonitor(server.health(), VideoServiceGrpc.SERVICE_NAME,
        "video storage");
    return new Running(server, storage, List.of(services, health, dispatch));
  }
}
