package lab.unary;

import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.protobuf.services.ProtoReflectionServiceV1;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import lab.common.Main;
import lab.routeguide.FeatureDatabase;

/**
 * Serves the route guide's unary GetFeature on 127.0.0.1:50052.
 *
 * <p>This first server is built by hand, so every step of the notes' server set-up is in
 * front of you: create the server, add the middleware (interceptor) and the servicer, start
 * it, and stop it gracefully when the process is asked to. Every later lesson hands these
 * same steps to {@link lab.common.LabServer}, which also adds health checking and a drain.
 *
 * <p>Flags: {@code --port N} (default 50052), {@code --lookup-latency-ms N} (default 200: how
 * slow the simulated backend is, so that deadlines have something to cut short).
 */
public final class UnaryServer {
  public static final int DEFAULT_PORT = 50052;
  private static final Logger log = Logger.getLogger(UnaryServer.class.getName());

  static final String USAGE = "usage: ./run examples-unary UnaryServer [--lookup-latency-ms N]"
      + " [--port N]";

  public static void main(String[] args) throws Exception {
    Main.run(args, USAGE, flags -> {
      Server server = start(flags.port(DEFAULT_PORT),
          Duration.ofMillis(flags.integer("lookup-latency-ms", 200)));

      // Ctrl-C or SIGTERM: refuse new calls, give in-flight ones 10 s, then cancel the rest.
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        System.err.println("Shutting down: draining in-flight calls...");
        server.shutdown();
        try {
          if (!server.awaitTermination(10, TimeUnit.SECONDS)) {
            server.shutdownNow();
          }
        } catch (InterruptedException e) {
          server.shutdownNow();
          Thread.currentThread().interrupt();
        }
      }, "graceful-shutdown"));
      server.awaitTermination(); // the main thread waits here until the server has stopped
    });
  }

  /**
   * Builds and starts the server on 127.0.0.1:{@code port} (0: any free port), logging each
   * workflow step of each call. Stopping it is the caller's job (main's shutdown hook).
   */
  static Server start(int port, Duration lookupLatency) throws IOException {
    var lookup = new SlowFeatureLookup(FeatureDatabase.bundled(), lookupLatency);
    Server server = NettyServerBuilder
        .forAddress(new InetSocketAddress("127.0.0.1", port))                     // loopback only
        .addService(new RouteGuideUnaryService(lookup))                           // the servicer
        .intercept(new WorkflowRecorder(step -> log.info("workflow: " + step)))   // middleware
        .addService(ProtoReflectionServiceV1.newInstance()) // lets grpcurl list and describe
        .build()
        .start();
    // The tour and the docs runner read the port from this line (they start it with --port 0).
    log.info("Listening on 127.0.0.1:" + server.getPort());
    return server;
  }
}
