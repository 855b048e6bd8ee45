package lab.unary;

import java.time.Duration;
import java.util.logging.Logger;
import lab.common.Flags;
import lab.common.LabServer;
import lab.routeguide.FeatureDatabase;

/**
 * Serves the route guide's unary GetFeature on 127.0.0.1:50052.
 *
 * <p>Flags: {@code --port N} (default 50052), {@code --lookup-latency-ms N} (default 200: how
 * slow the simulated backend is, so that deadlines have something to cut short).
 */
public final class UnaryServer {
  public static final int DEFAULT_PORT = 50052;
  private static final Logger log = Logger.getLogger(UnaryServer.class.getName());

  public static void main(String[] args) throws Exception {
    Flags flags = Flags.parse(args);
    Duration latency = Duration.ofMillis(flags.integer("lookup-latency-ms", 200));
    var lookup = new SlowFeatureLookup(FeatureDatabase.bundled(), latency);

    LabServer server = LabServer.onPort(flags.port(DEFAULT_PORT))
        .addService(new RouteGuideUnaryService(lookup))
        .intercept(new WorkflowRecorder(step -> log.info("workflow: " + step)))
        .start();
    server.blockUntilShutdown();
  }
}
