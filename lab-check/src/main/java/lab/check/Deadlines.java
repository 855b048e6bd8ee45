package lab.check;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

/**
 * The server's side of deadlines and cancellation, measured with a raw client, which (unlike
 * a gRPC library) ends nothing by itself: a client's grpc-timeout header must end the call on
 * the server too, on time; a stream the client has reset must not be written to any more.
 */
final class Deadlines {
  static final String GROUP = "deadlines";
  static final int DEADLINE_MS = 200;
  /** Late, but ended: a busy machine is allowed this much past the deadline before a warning. */
  static final int SLACK_MS = 5_000;

  private Deadlines() {}

  static void run(Probe p) throws IOException, InterruptedException {
    serverEndsTheCall(p);
    cancelStopsTheWrites(p);
  }

  /**
   * A call only the deadline can end: health Watch (it never ends by itself), else a client-
   * or bidi-streaming method whose request the checker never half-closes.
   */
  static void serverEndsTheCall(Probe p) throws IOException, InterruptedException {
    String check = "grpc-timeout " + DEADLINE_MS + "m ends a held call";
    String see = "examples-unary/src/test/java/lab/unary/DeadlineTest.java";
    String path = p.healthServed() ? Probe.HEALTH_WATCH : p.discovery.methods().stream()
        .filter(Discovery.Method::clientStreaming).map(Discovery.Method::path).findFirst()
        .orElse(null);
    if (path == null) {
      p.add(Finding.skip(GROUP, check, "no health Watch or client-streaming method to hold"));
      return;
    }
    try (H2Connection h2 = p.target.h2()) {
      var headers = p.target.grpcHeaders(path).set("grpc-timeout", DEADLINE_MS + "m");
      long start = System.nanoTime();
      H2Stream stream = h2.open(headers, false);
      if (path.equals(Probe.HEALTH_WATCH)) {
        h2.data(stream, Payloads.message(new byte[0], false), true);
      }
      Probe.awaitEnd(stream);
      long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
      String measured = path + ": " + stream.describe() + " after " + ms + " ms";
      if (!stream.done().isDone()) {
        p.add(new Finding(GROUP, check, Verdict.FAIL, path + ": still open after " + ms + " ms",
            "honour grpc-timeout on the server: end the call DEADLINE_EXCEEDED, stop its work",
            see));
      } else if (ms < DEADLINE_MS * 3 / 4) {
        p.add(Finding.skip(GROUP, check, measured + ": over before the deadline, which so"
            + " ended nothing"));
      } else {
        // Any end counts, if on time: the client has gone by then (DEADLINE_EXCEEDED is the
        // right code, but grpc-java resets the stream and grpcio may say CANCELLED).
        boolean onTime = ms <= DEADLINE_MS + SLACK_MS;
        p.add(new Finding(GROUP, check, onTime ? Verdict.PASS : Verdict.WARN, measured,
            onTime ? "" : "ended, but late: is the server overloaded?", see));
      }
    }
  }

  /**
   * A server-streaming call that is still writing when the client cancels (RST_STREAM
   * CANCEL): no DATA may follow once the server has handled the reset, which a PING round
   * trip after it marks.
   */
  static void cancelStopsTheWrites(Probe p) throws IOException, InterruptedException {
    String check = "a cancelled stream is no longer written";
    String see = "examples-streaming/src/test/java/lab/streaming/FlowControlTest.java";
    for (Discovery.Method m : p.discovery.methods()) {
      if (!m.serverStreaming() || m.clientStreaming()) {
        continue;
      }
      try (H2Connection h2 = p.target.h2()) {
        H2Stream s = h2.open(p.target.grpcHeaders(m.path()), false);
        h2.data(s, Payloads.message(new byte[0], false), true);
        h2.await(() -> s.dataBytes() > 0 || s.done().isDone(), Probe.ANSWER);
        if (s.done().isDone() || s.dataBytes() == 0) {
          continue; // it ended by itself (or never wrote): nothing to cancel
        }
        h2.reset(s.id(), H2Connection.CANCEL);
        h2.flush();
        boolean handled = h2.pingRoundTrip(Probe.ANSWER);
        long before = s.dataBytes();
        h2.pingRoundTrip(Probe.ANSWER);
        long after = s.dataBytes() - before;
        p.add(handled && after == 0
            ? Finding.pass(GROUP, check, m.path() + ": no DATA after the reset was handled ("
                + String.format("%,d", before) + " bytes before)", see)
            : new Finding(GROUP, check, Verdict.FAIL, m.path() + ": " + after
                + " bytes after the reset was handled", "stop writing once the call is"
                + " cancelled (ServerCallStreamObserver.isCancelled, a cancel handler)", see));
        return;
      }
    }
    p.add(Finding.skip(GROUP, check,
        "no server-streaming method kept writing after an empty request"));
  }
}
