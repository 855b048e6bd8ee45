package lab.resilience;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.MethodDescriptor;
import io.grpc.ServerInterceptors;
import io.grpc.ServerServiceDefinition;
import java.io.IOException;
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
      Running running = start(flags.port(DEFAULT_PORT),
          flags.integer("max-inbound-bytes", 4 * 1024 * 1024));
      running.server().blockUntilShutdown();
      running.toSelf().shutdownNow();
    });
  }

  /** The server, and the frontend's channel to it, which is closed after the server. */
  public record Running(LabServer server, ManagedChannel toSelf) {}

  /**
   * Starts the lesson's server on 127.0.0.1:{@code port} (0: any free port). The frontend's
   * channel is made once the server is listening, to the port it really got: made from the
   * flag, a --port 0 server (the tour's) would send the frontend's calls to port 0.
   */
  public static Running start(int port, int maxInboundBytes) throws IOException {
    SelfChannel toSelf = new SelfChannel();
    LabServer server = LabServer.onPort(port)
        .addService(work(new WorkLog()))
        .addService(new FrontendService(toSelf))
        .configure(netty -> netty.maxInboundMessageSize(maxInboundBytes))
        .start();
    return new Running(server, toSelf.connect(server.port()));
  }

  /** A channel whose target is set after the services are built: the server's own port. */
  private static final class SelfChannel extends Channel {
    private volatile ManagedChannel target;

    ManagedChannel connect(int port) {
      target = ManagedChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build();
      return target;
    }

    @Override
    public <Q, R> ClientCall<Q, R> newCall(MethodDescriptor<Q, R> method, CallOptions options) {
      return target.newCall(method, options);
    }

    @Override
    public String authority() {
      return target.authority();
    }
  }

  /** The Work service with the interceptor it needs to tell attempts apart. */
  public static ServerServiceDefinition work(WorkLog log) {
    return ServerInterceptors.intercept(new WorkService(log), new AttemptCounter());
  }
}
