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

  /**
   * A case a peer server cannot serve: why, and the failure the Java client must report for
   * it, word for word. A case that fails any other way (a crash, UNAVAILABLE, a timeout) is
   * a new failure, not this gap.
   */
  record Gap(String reason, String symptom) {}

  private static final String NO_REFUSAL_UNARY =
      "AssertionError: uncompressed probe: expected INVALID_ARGUMENT but the call succeeded";
  private static final String NO_REFUSAL_STREAMING =
      "AssertionError: uncompressed probe status code: expected <INVALID_ARGUMENT> but was <OK>";

  static final Map<String, Gap> GRPC_JS_SERVER = Map.of(
      "client_compressed_unary",
      new Gap("grpc-js: " + NO_REQUEST_COMPRESSION_INFO, NO_REFUSAL_UNARY),
      "client_compressed_streaming",
      new Gap("grpc-js: " + NO_REQUEST_COMPRESSION_INFO, NO_REFUSAL_STREAMING),
      "server_compressed_unary", new Gap("grpc-js servers never compress replies",
          "AssertionError: compressed flag of the reply when response_compressed=true:"
              + " expected <true> but was <false>"),
      "server_compressed_streaming", new Gap("grpc-js servers never compress replies",
          "AssertionError: reply 0 compressed flag: expected <true> but was <false>"));

  static final Map<String, Gap> GRPCIO_SERVER = Map.of(
      "client_compressed_unary",
      new Gap("grpcio: " + NO_REQUEST_COMPRESSION_INFO, NO_REFUSAL_UNARY),
      "client_compressed_streaming",
      new Gap("grpcio: " + NO_REQUEST_COMPRESSION_INFO, NO_REFUSAL_STREAMING));

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
