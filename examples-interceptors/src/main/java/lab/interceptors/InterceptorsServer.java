package lab.interceptors;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.logging.Logger;
import lab.common.LabServer;
import lab.common.Main;

/**
 * The echo service behind a stack of server interceptors, on 127.0.0.1:50054. Tokens:
 * {@code lab-token-alice} is alice, {@code lab-token-bob} is bob.
 *
 * <p>Flags: {@code --port N} (default 50054), {@code --maintenance} (answer everything with
 * UNAVAILABLE and a retry hint).
 */
public final class InterceptorsServer {
  public static final int DEFAULT_PORT = 50054;
  static final Map<String, String> TOKENS =
      Map.of("lab-token-alice", "alice", "lab-token-bob", "bob");
  private static final Logger log = Logger.getLogger(InterceptorsServer.class.getName());

  static final String USAGE = "usage: ./run examples-interceptors InterceptorsServer"
      + " [--maintenance] [--port N]";

  public static void main(String[] args) throws Exception {
    Main.run(args, USAGE, flags -> {
      var maintenance = new MaintenanceInterceptor(Duration.ofSeconds(30));
      maintenance.set(flags.bool("maintenance"));
      start(flags.port(DEFAULT_PORT), maintenance).blockUntilShutdown();
    });
  }

  /** The echo stack with the lab's tokens on 127.0.0.1:{@code port} (0 = any free port). */
  static LabServer start(int port, MaintenanceInterceptor maintenance) throws IOException {
    return LabServer.onPort(port)
        .addService(EchoStack.wrap(new EchoService(), TOKENS, maintenance, log::info))
        .start();
  }
}
