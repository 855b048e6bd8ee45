package lab.multiplex;

import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import java.io.IOException;
import java.time.Clock;
import java.util.function.Consumer;
import lab.common.LabServer;
import lab.common.Main;
import lab.routeguide.FeatureDatabase;
import lab.services.RouteGuideStreamingService;
import lab.services.VideoService;
import lab.services.VideoStore;

/**
 * One server, many services (the notes' "one server with multiple services"): the route
 * guide, the video service and a clock share one port, one executor and every connection,
 * next to reflection and health. Each call's path ({@code /package.Service/Method}) is what
 * routes it to its service.
 *
 * <p>Flags: {@code --port N} (default 50056).
 */
public final class MultiplexServer {
  public static final int DEFAULT_PORT = 50056;

  static final String USAGE = "usage: ./run examples-multiplex MultiplexServer [--port N]";

  public static void main(String[] args) throws Exception {
    Main.run(args, USAGE, flags -> {
      start(flags.port(DEFAULT_PORT), builder -> {}).blockUntilShutdown();
    });
  }

  /** The server of this lesson; tests start exactly this, with extra options if they need. */
  public static LabServer start(int port, Consumer<NettyServerBuilder> options)
      throws IOException {
    return LabServer.onPort(port)
        .addService(new RouteGuideStreamingService(FeatureDatabase.bundled()))
        .addService(new VideoService(new VideoStore()))
        .addService(new ClockService(Clock.systemUTC()))
        .configure(options)
        .start();
  }
}
