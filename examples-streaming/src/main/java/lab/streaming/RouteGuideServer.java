package lab.streaming;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import lab.common.LabServer;
import lab.common.Main;
import lab.routeguide.FeatureDatabase;
import lab.services.RouteGuideStreamingService;

/**
 * Serves the route guide's streaming methods and the flow-control Ticker on 127.0.0.1:50053.
 * The Ticker's producer logs each pause, so a slow client makes flow control visible.
 *
 * <p>Flags: {@code --port N} (default 50053), {@code --consume-ms N} (how long the server's
 * consumer takes per uploaded tick, default 5).
 */
public final class RouteGuideServer {
  public static final int DEFAULT_PORT = 50053;
  private static final Logger log = Logger.getLogger(RouteGuideServer.class.getName());

  static final String USAGE = "usage: ./run examples-streaming RouteGuideServer [--consume-ms N]"
      + " [--port N]";

  public static void main(String[] args) throws Exception {
    Main.run(args, USAGE, flags -> {
      Duration perTick = Duration.ofMillis(flags.integer("consume-ms", 5));
      TickerEvents events = new TickerEvents();
      var ticker = new FlowControlledTicker(events, tick -> CompletableFuture.runAsync(() -> {},
          CompletableFuture.delayedExecutor(perTick.toMillis(), TimeUnit.MILLISECONDS)));

      LabServer server = LabServer.onPort(flags.port(DEFAULT_PORT))
          .addService(new RouteGuideStreamingService(FeatureDatabase.bundled()))
          .addService(ticker)
          .start();
      Thread reporter = new Thread(() -> { // one summary line a second, not one per pause
        try {
          while (true) {
            List<Integer> pauses = new ArrayList<>(List.of(events.pauses().take()));
            Thread.sleep(1000);
            events.pauses().drainTo(pauses);
            log.info(() -> "producer paused " + pauses.size() + " time(s) in the last second,"
                + " the last after " + pauses.get(pauses.size() - 1) + " ticks:"
                + " the client was not ready for more");
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }, "pause-reporter");
      reporter.setDaemon(true);
      reporter.start();
      server.blockUntilShutdown();
    });
  }
}
