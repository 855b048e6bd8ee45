package lab.check;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Clients that stop reading. A reader that grants no flow-control window on each
 * server-streaming method: is a good client still served while those streams are held? A
 * writer that sends and never reads on each client- and bidi-streaming method: does the server
 * stop reading too (or end the call), or read on while its replies cannot be sent?
 *
 * <p>What a stalled stream costs the server in memory cannot be seen from outside; the lab's
 * MemoryBudgetTest measures it for its own servers.
 */
final class Stalls {
  /** Streams held unread per method: enough to hurt a server that buffers for each. */
  static final int STALLED_STREAMS = 50;
  /** A writer that gets this far has been read by a server that cannot answer it. */
  static final long WRITER_CAP = 16L * 1024 * 1024;
  /** No new credit for this long: the server has stopped reading. */
  static final Duration NO_CREDIT = Duration.ofSeconds(5);

  private Stalls() {}

  /**
   * The writers first: a server whose handlers block while a reader stalls may stay blocked
   * long after (grpc-java delivers even the cancellation on the blocked executor), and the
   * writers would then measure that instead of their own effect.
   */
  static void run(Probe p) throws IOException, InterruptedException {
    for (Discovery.Method m : p.discovery.methods()) {
      if (m.clientStreaming()) {
        silentWriter(p, m);
      }
    }
    for (Discovery.Method m : p.discovery.methods()) {
      if (m.serverStreaming() && !m.clientStreaming()) {
        stalledReader(p, m);
      }
    }
  }

  /** A connection that advertises a window of 0: the server can send no DATA at all. */
  private static H2Connection unreadConnection(Probe p) throws IOException {
    H2Connection h2 = H2Connection.start(p.target.socket(),
        Map.of(H2Connection.INITIAL_WINDOW_SIZE, 0));
    h2.stopReading();
    return h2;
  }

  static void stalledReader(Probe p, Discovery.Method m)
      throws IOException, InterruptedException {
    String check = "zero-window reader → " + m.path();
    String see = "examples-streaming/src/test/java/lab/streaming/FlowControlTest.java";
    GoodClient good = GoodClient.start(p);
    List<H2Stream> streams = new ArrayList<>();
    Duration hold = p.patience.compareTo(NO_CREDIT) < 0 ? p.patience : NO_CREDIT;
    long held;
    GoodClient.Result served;
    try (H2Connection h2 = unreadConnection(p)) {
      for (int i = 0; i < STALLED_STREAMS; i++) {
        H2Stream s = h2.open(p.target.grpcHeaders(m.path()), false);
        h2.data(s, Payloads.message(new byte[0], false), true);
        streams.add(s);
      }
      h2.await(() -> streams.stream().allMatch(s -> s.done().isDone()), hold);
      held = streams.stream().filter(s -> !s.done().isDone()).count();
    } finally {
      served = good.stop();
    }
    if (held == 0) {
      p.add(Finding.skip(Hostile.GROUP, check, "an empty request starts no stream here ("
          + streams.get(0).describe() + ")"));
    } else {
      boolean fine = served.allServed();
      p.add(new Finding(Hostile.GROUP, check, fine ? Verdict.PASS : Verdict.FAIL,
          held + " streams held unread for " + hold.toSeconds() + " s; " + served,
          fine ? "" : "write only when the stream isReady, so a stalled reader costs a"
              + " window, not the server", see));
    }
  }

  static void silentWriter(Probe p, Discovery.Method m) throws IOException, InterruptedException {
    String check = "writer that never reads → " + m.path();
    String see = "lab-reliability/src/test/java/lab/reliability/RouteChatFloodTest.java";
    // One message a frame, 16 KiB: few enough that a server reading on is seen to, even if
    // slow per message.
    byte[] batch = Payloads.message(Payloads.filler(16 * 1024 - 5), false);
    long sent = 0;
    long start = System.nanoTime();
    try (H2Connection h2 = unreadConnection(p)) {
      H2Stream s = h2.open(p.target.grpcHeaders(m.path()), false);
      while (sent < WRITER_CAP && !s.done().isDone()
          && h2.dataWhenAllowed(s, batch, NO_CREDIT)) {
        sent += batch.length;
      }
      long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
      String kib = String.format("%,d KiB", sent / 1024);
      if (s.done().isDone()) {
        p.add(Finding.pass(Hostile.GROUP, check, "ended the call after " + kib + ": "
            + s.describe(), see));
      } else if (sent < WRITER_CAP) {
        p.add(Finding.pass(Hostile.GROUP, check, "stopped reading after " + kib
            + " (no credit for " + NO_CREDIT.toSeconds() + " s)", see));
      } else {
        p.add(new Finding(Hostile.GROUP, check, Verdict.FAIL, "read all " + kib + " in " + ms
            + " ms while none of its replies could be sent",
            "read the next message only once the reply to the last is written (isReady):"
                + " otherwise replies pile up in memory", see));
      }
    }
  }
}
