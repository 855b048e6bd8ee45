package lab.benchmarks.layers;

import java.util.List;

/**
 * The layers LayersBenchmark peels, by name: each adds one piece of the stack to the one
 * before it. Kept apart from {@link Layer} so that the interface does not know its
 * implementations (and the reports can read the names without starting anything).
 */
public final class Layers {
  /** Cheapest first: the order of the table, and the order in which costs are peeled off. */
  public static final List<String> ALL = List.of("socket", "nio", "netty", "http2", "grpc");

  private Layers() {}

  static Layer start(String name) throws Exception {
    return switch (name) {
      case "socket" -> new SocketLayer(); // blocking java.net streams: RawSocketPeer
      case "nio" -> new NioLayer(); // NIO channels, direct buffers, batched writes
      case "netty" -> new NettyLayer(); // + event loops, pipeline, a length-field decoder
      case "http2" -> new Http2Layer(); // + HTTP/2 frames, streams, flow control
      case "grpc" -> new GrpcLayer(); // + gRPC: protobuf, calls, listeners, MessageFramer
      default -> throw new IllegalArgumentException("unknown layer " + name);
    };
  }
}
