package lab.network;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import lab.common.LabServer;
import lab.common.Main;

/**
 * One host of the network lesson: the Pulse service on {@code --bind ADDRESS} (default
 * 127.0.0.1; in a namespace, the host's own address, or {@code ::} for both families).
 *
 * <p>Keepalive enforcement is the lesson's: {@code --permit-keepalive-ms MS} is how often a
 * client may ping (grpc-java's default: every 5 minutes at most), and
 * {@code --permit-without-calls} lets it ping while it has no call open. A client that pings
 * more often is sent GOAWAY ENHANCE_YOUR_CALM "too_many_pings" after its third strike.
 * {@code --max-connection-age-ms MS} ends each connection with a GOAWAY after that long, which
 * is what makes a client resolve the server's name again.
 */
public final class NetworkServer {
  public static final int DEFAULT_PORT = 50090;
  static final String USAGE = "usage: ./run examples-network NetworkServer [--bind ADDRESS]"
      + " [--port N] [--name NAME] [--permit-keepalive-ms MS] [--permit-without-calls]"
      + " [--max-connection-age-ms MS]";

  private NetworkServer() {}

  public static void main(String[] args) throws Exception {
    Main.run(args, USAGE, flags -> {
      String bind = flags.string("bind", "127.0.0.1");
      String name = flags.string("name", "host-" + bind);
      int permitMs = flags.integer("permit-keepalive-ms", 300_000);
      boolean withoutCalls = flags.bool("permit-without-calls");
      int maxAgeMs = flags.integer("max-connection-age-ms", 0);
      ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "beats");
        t.setDaemon(true);
        return t;
      });
      LabServer server = LabServer.onPort(flags.port(DEFAULT_PORT)).bind(bind)
          .addService(new PulseService(name, timer))
          .intercept(new CallerAddress())
          .configure(netty -> netty.permitKeepAliveTime(permitMs, TimeUnit.MILLISECONDS)
              .permitKeepAliveWithoutCalls(withoutCalls))
          .configure(netty -> {
            if (maxAgeMs > 0) { // GOAWAY after this long: clients reconnect, and re-resolve
              netty.maxConnectionAge(maxAgeMs, TimeUnit.MILLISECONDS)
                  .maxConnectionAgeGrace(1, TimeUnit.SECONDS);
            }
          })
          .start();
      System.err.println(name + " serving Pulse; clients may ping every " + permitMs + " ms"
          + (withoutCalls ? ", with or without calls" : ", while they have calls open"));
      server.blockUntilShutdown();
      timer.shutdownNow();
    });
  }
}
