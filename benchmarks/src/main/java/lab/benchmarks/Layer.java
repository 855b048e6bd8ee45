package lab.benchmarks;

import java.util.List;

/**
 * One layer of the stack between a socket and a gRPC call, for LayersBenchmark: a server and a
 * client on loopback, where one {@link #stream} asks the server for {@code count} messages of
 * {@code size} bytes, each behind gRPC's 5-byte prefix, and reads and frame-parses all of them.
 * Each layer in {@link #ALL} adds one piece of the stack to the one before it.
 */
interface Layer extends AutoCloseable {
  /** Cheapest first: the order of the table, and the order in which costs are peeled off. */
  List<String> ALL = List.of("socket", "nio", "netty", "http2", "grpc");

  /** Streams {@code count} messages server to client and returns what the client parsed. */
  Received stream(int count, int size) throws Exception;

  /** Messages the client parsed, and their payload bytes (prefixes not counted). */
  record Received(long messages, long bytes) {}

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
