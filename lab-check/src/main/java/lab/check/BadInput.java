package lab.check;

import io.grpc.Status.Code;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

/**
 * Bytes no well-behaved client sends, on every method the server has: each must get the
 * status gRPC's status-code table gives (INTERNAL for a request that does not parse,
 * RESOURCE_EXHAUSTED for one too big), never UNKNOWN (a parse failure that reached the
 * handler as an exception) or a dropped connection, and the server must go on serving.
 */
final class BadInput {
  static final String GROUP = "bad-input";
  /** The bomb inflates to 16 MiB, over every implementation's default 4 MiB limit. */
  static final int BOMB_SIZE = 16 * 1024 * 1024;
  private static final String PARSE_LESSON =
      "lab-common/src/test/java/lab/common/ParseFailuresTest.java";
  private static final String WIRE_LESSON =
      "examples-wire/src/test/java/lab/wire/RawBadInputTest.java";
  private static final String BOMB_LESSON =
      "examples-compression/src/test/java/lab/compression/DecompressionLimitTest.java";

  private BadInput() {}

  /**
   * One kind of bad input: what to send, which codes are right, what an OK means (the server
   * took the bad bytes as a request), where the fix is shown. {@code endStream} false: the
   * request stays open, and a server that waits for the rest is seen waiting.
   */
  private record Input(String name, Map<String, String> headers, byte[] body, boolean endStream,
      Set<Code> right, Verdict ifOk, String advice, String see) {}

  /** How long a server may take to refuse a message from its prefix alone. */
  static final Duration PREFIX_ANSWER = Duration.ofSeconds(5);

  static void run(Probe p) throws IOException, InterruptedException {
    if (p.discovery.methods().isEmpty()) {
      p.add(Finding.skip(GROUP, "every method", "no methods known: "
          + p.discovery.note() + " (name some with --methods)"));
    }
    Input[] inputs = {
        new Input("not protobuf", Map.of(), Payloads.message(new byte[] {-1, -1, -1}, false),
            true, Set.of(Code.INTERNAL), Verdict.FAIL,
            "catch the parse failure and answer INTERNAL (an UNKNOWN says your code threw)",
            PARSE_LESSON),
        new Input("truncated message", Map.of(), Payloads.prefixed(new byte[] {8, 1}, 100, false),
            true, Set.of(Code.INTERNAL), Verdict.WARN,
            "a request that ends inside a message is INTERNAL, not dropped in silence",
            WIRE_LESSON),
        new Input("prefix claims 2 GiB", Map.of(),
            Payloads.prefixed(new byte[] {8, 1}, Integer.MAX_VALUE, false), false,
            Set.of(Code.RESOURCE_EXHAUSTED), Verdict.FAIL,
            "refuse a message over your size limit from its prefix, before buffering it",
            WIRE_LESSON),
        new Input("gzip bomb (16 MiB inflated)", Map.of("grpc-encoding", "gzip"),
            Payloads.message(Payloads.gzipBomb(BOMB_SIZE), true), true,
            Set.of(Code.RESOURCE_EXHAUSTED, Code.UNIMPLEMENTED), Verdict.FAIL,
            "bound what a message may inflate to (the size limit applies after decompression)",
            BOMB_LESSON),
    };
    for (Discovery.Method method : p.discovery.methods()) {
      for (Input input : inputs) {
        check(p, method, input);
      }
    }
    oversizedHeaders(p);
  }

  private static void check(Probe p, Discovery.Method method, Input input)
      throws IOException, InterruptedException {
    String check = input.name() + " → " + method.path();
    H2Stream answer = p.rawCall(method.path(), input.headers(), input.body(), input.endStream(),
        input.endStream() ? Probe.ANSWER : PREFIX_ANSWER);
    Duration goodCall = p.goodCallTime();
    int status = answer.grpcStatus();
    String measured = (answer.answered() ? answer.describe() : "no answer within "
        + (input.endStream() ? Probe.ANSWER : PREFIX_ANSWER).toSeconds() + " s")
        + (goodCall == null ? "; then a good call was NOT served" : "");
    Verdict verdict;
    if (goodCall == null || status == Code.UNKNOWN.value() || !answer.answered()) {
      verdict = Verdict.FAIL; // a server gone, an exception's UNKNOWN, or one still waiting
    } else if (status < 0) {
      verdict = Verdict.WARN; // refused, but by resetting the stream or the whole connection
    } else if (input.right().stream().anyMatch(c -> c.value() == status)) {
      verdict = Verdict.PASS;
    } else if (status == Code.OK.value()) {
      verdict = input.ifOk();
    } else {
      verdict = Verdict.WARN; // a deliberate code, just not the table's
    }
    p.add(new Finding(GROUP, check, verdict, measured,
        verdict == Verdict.PASS ? "" : input.advice(), input.see()));
  }

  /**
   * 64 KiB of metadata in one header, over any sensible limit (grpc-java's is 8 KiB): refused
   * if the answer differs from the same call's without it (a 431, a reset, a closed
   * connection or another status), accepted if it is the same.
   */
  static void oversizedHeaders(Probe p) throws IOException, InterruptedException {
    String check = "64 KiB of request headers";
    String see = "lab-common/src/test/java/lab/common/ConnectionLimitsTest.java";
    String path = p.servedPath() != null ? p.servedPath() : Probe.HEALTH_CHECK;
    byte[] body = Payloads.message(new byte[0], false);
    H2Stream plain = p.rawCall(path, Map.of(), body);
    H2Stream answer = p.rawCall(path, Map.of("x-lab-check-padding", "x".repeat(64 * 1024)),
        body);
    Duration goodCall = p.goodCallTime();
    boolean same = answer.httpStatus() == plain.httpStatus()
        && answer.grpcStatus() == plain.grpcStatus() && answer.resetCode() == plain.resetCode();
    String measured = (answer.httpStatus() == 431 ? "HTTP 431, " : "") + answer.describe()
        + (goodCall == null ? "; then a good call was NOT served" : "");
    if (goodCall == null) {
      p.add(new Finding(GROUP, check, Verdict.FAIL, measured,
          "refuse the one stream (431 or RST_STREAM), keep the connection and the server", see));
    } else {
      p.add(!same
          ? Finding.pass(GROUP, check, "refused: " + measured, see)
          : new Finding(GROUP, check, Verdict.WARN, "accepted: " + measured,
              "limit request headers (grpc-java: maxInboundMetadataSize, 8 KiB by default)",
              see));
    }
  }
}
