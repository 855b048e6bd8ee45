package lab.compression;

import io.grpc.DecompressorRegistry;
import java.util.function.Consumer;
import java.util.logging.Logger;
import lab.common.LabServer;
import lab.common.Main;
import lab.proto.compression.PayloadServiceGrpc;

/**
 * Serves the payload service on 127.0.0.1:50057, gzipping Download responses, and logs what
 * every call weighed on the wire.
 *
 * <p>Flags: {@code --port N} (default 50057), {@code --accept-deflate} (also accept requests
 * compressed with "deflate", which grpc-java does not know out of the box).
 */
public final class CompressionServer {
  public static final int DEFAULT_PORT = 50057;
  private static final Logger log = Logger.getLogger(CompressionServer.class.getName());

  static final String USAGE = "usage: ./run examples-compression CompressionServer [--port N]"
      + " [--accept-deflate]";

  public static void main(String[] args) throws Exception {
    Main.run(args, USAGE, flags -> {
      LabServer.Builder builder = builder(flags.port(DEFAULT_PORT), bytes -> log.info(bytes::toString));
      if (flags.bool("accept-deflate")) {
        builder.configure(b -> b.decompressorRegistry(withDeflate()));
      }
      builder.start().blockUntilShutdown();
    });
  }

  /** The lesson's server, shared with the tests: each finished call's sizes go to wireSizes. */
  static LabServer.Builder builder(int port, Consumer<CallBytes> wireSizes) {
    return LabServer.onPort(port)
        .addService(new PayloadService())
        .intercept(GzipResponsesInterceptor.forMethods(PayloadServiceGrpc.getDownloadMethod()))
        .configure(b -> b.addStreamTracerFactory(new ServerWireSizes(wireSizes)));
  }

  /**
   * gzip and identity (grpc-java's defaults) plus deflate, advertised: the server then lists
   * "deflate" in the grpc-accept-encoding header of its responses.
   */
  static DecompressorRegistry withDeflate() {
    return DecompressorRegistry.getDefaultInstance().with(new DeflateCodec(), true);
  }
}
