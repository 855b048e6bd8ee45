package lab.benchmarks.layers;

/**
 * One layer of the stack between a socket and a gRPC call, for LayersBenchmark: a server and a
 * client on loopback, where one {@link #stream} asks the server for {@code count} messages of
 * {@code size} bytes, each behind gRPC's 5-byte prefix, and reads and frame-parses all of them.
 * The interface names none of its implementations: {@link Layers} lists and starts them, so
 * a new layer is one class and one line there, and nothing here depends on Netty or gRPC.
 */
interface Layer extends AutoCloseable {
  /** Streams {@code count} messages server to client and returns what the client parsed. */
  Received stream(int count, int size) throws Exception;

  /** Messages the client parsed, and their payload bytes (prefixes not counted). */
  record Received(long messages, long bytes) {}
}
