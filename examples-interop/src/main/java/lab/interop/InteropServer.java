package lab.interop;

import io.grpc.ServerInterceptors;
import java.io.IOException;
import lab.common.LabServer;
import lab.common.Main;

/**
 * The Java interop server: grpc.testing.TestService on 127.0.0.1, the spec's {@code --port}
 * flag, plus {@code --max_concurrent_streams N} (the HTTP/2 limit the max_streams case needs;
 * 0 = grpc-java's default). UnimplementedService is deliberately not registered.
 *
 * <pre>./run examples-interop lab.interop.InteropServer --port 50080</pre>
 */
public final class InteropServer {
  public static final int DEFAULT_PORT = 50080;
  static final String USAGE = "usage: ./run examples-interop InteropServer [--port N]"
      + " [--max_concurrent_streams N]";

  private InteropServer() {}

  public static void main(String[] args) throws Exception {
    Main.run(args, USAGE, flags ->
        start(flags.port(DEFAULT_PORT), flags.integer("max_concurrent_streams", 0))
            .blockUntilShutdown());
  }

  /** Starts the server; port 0 picks a free one, {@code maxStreams} 0 keeps the default. */
  public static LabServer start(int port, int maxStreams) throws IOException {
    return LabServer.onPort(port)
        .addService(ServerInterceptors.intercept(
            new TestServiceImpl(), new EchoMetadataInterceptor()))
        .configure(builder -> {
          builder.addStreamTracerFactory(InboundCompression.FACTORY);
          if (maxStreams > 0) {
            builder.maxConcurrentCallsPerConnection(maxStreams);
          }
        })
        .start();
  }
}
