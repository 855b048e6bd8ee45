package lab.resilience;

import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.ServerInterceptors;
import io.grpc.ServerServiceDefinition;
import lab.common.LabServer;
import lab.common.Main;

/**
 * The Work service and a Frontend that calls it, on 127.0.0.1:50058. The frontend reaches the
 * backend through a channel to this same server: two hops, one process.
 *
 * <p>Flags: {@code --port N} (default 50058), {@code --max-inbound-bytes N} (default 4 MiB).
 */
public final class ResilienceServer {
  public static final int DEFAULT_PORT = 50058;

  static final String USAGE = "usage: ./run examples-resilience ResilienceServer [--port N]"
      + " [--max-inbound-bytes N]";

  public static void main(String[] args) throws Exception {
    Main.run(args, USAGE, flags -> {
      int port = flags.port(DEFAULT_PORT);
      ManagedChannel toSelf = ManagedChannelBuilder.forAddress("127.0.0.1", port)
          .usePlaintext().build();
      LabServer server = LabServer.onPort(port)
          .addService(work(new WorkLog()))
          .addService(new FrontendService(toSelf))
          .configure(netty -> netty.maxInboundMessageSize(
              flags.integer("max-inbound-bytes", 4 * 1024 * 1024)))
          .start();
      server.blockUntilShutdown();
      toSelf.shutdownNow();
    });
  }

  /** The Work service with the interceptor it needs to tell attempts apart. */
  public static ServerServiceDefinition work(WorkLog log) {
    return ServerInterceptors.intercept(new WorkService(log), new AttemptCounter());
  }
}
