package lab.interop;

import java.util.Map;

/**
 * The cases a non-Java peer genuinely cannot do, with the reason (the README's matrix shows
 * them). The tests run them anyway and require them to FAIL, so a peer that learns the
 * feature turns the test red and the matrix gets updated, instead of a gap hiding as a pass.
 */
final class Gaps {
  static final String NO_REQUEST_COMPRESSION_INFO =
      "the handler cannot tell whether a request was compressed, so it cannot refuse the "
          + "uncompressed probe with INVALID_ARGUMENT";

  /** Word for word what peers/node/client.js prints. */
  static final String NO_FLAG_ACCESS =
      "grpc-js gives the application no compressed flag of a received message";

  static final Map<String, String> GRPC_JS_SERVER = Map.of(
      "client_compressed_unary", "grpc-js: " + NO_REQUEST_COMPRESSION_INFO,
      "client_compressed_streaming", "grpc-js: " + NO_REQUEST_COMPRESSION_INFO,
      "server_compressed_unary", "grpc-js servers never compress replies",
      "server_compressed_streaming", "grpc-js servers never compress replies");

  static final Map<String, String> GRPCIO_SERVER = Map.of(
      "client_compressed_unary", "grpcio: " + NO_REQUEST_COMPRESSION_INFO,
      "client_compressed_streaming", "grpcio: " + NO_REQUEST_COMPRESSION_INFO);

  /** Reported N/A by the grpc-js client itself (it prints the reason). */
  static final Map<String, String> GRPC_JS_CLIENT = Map.of(
      "server_compressed_unary", Gaps.NO_FLAG_ACCESS,
      "server_compressed_streaming", Gaps.NO_FLAG_ACCESS);

  /**
   * A race, not a gap: the grpc-js client sometimes reports this instead of PASS. With a 1 ms
   * deadline the Java server's copy of the deadline can fire first; grpc-java then resets the
   * stream (RST_STREAM CANCEL) and grpc-js maps a reset to CANCELLED without checking its own
   * expired deadline (subchannel-call.js); grpc-java's client does check. Seen in 6 of 100 runs.
   */
  static final Map<String, String> GRPC_JS_CLIENT_RACES = Map.of(
      "timeout_on_sleeping_server", "status 1 Call cancelled");

  private Gaps() {}
}
