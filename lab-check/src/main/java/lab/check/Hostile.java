package lab.check;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Clients that attack the connection, each bounded in count and time: does the server end
 * them (GOAWAY or close) before they cost it much, and is a good client served meanwhile? Run
 * only when asked (--hostile), against a server of one's own.
 */
final class Hostile {
  static final String GROUP = "hostile";
  static final int RESET_FLOOD = 20_000;
  static final int SETTINGS_FLOOD = 10_000;
  /** CONTINUATION frames of 16,000-byte header fields: 32 MiB of one header block. */
  static final int CONTINUATION_FLOOD = 2_048;
  private static final int BATCH = 100;
  private static final String LIMITS = "lab-common/README.md";

  private Hostile() {}

  static void run(Probe p) throws IOException, InterruptedException {
    rapidReset(p);
    settingsFlood(p);
    continuationFlood(p);
    quietConnection(p, "connected, silent", false);
    quietConnection(p, "preface only", true);
    Stalls.run(p);
  }

  /** Rapid Reset (CVE-2023-44487): streams opened and reset at once, by the thousand. */
  static void rapidReset(Probe p) throws IOException, InterruptedException {
    flood(p, "rapid reset", RESET_FLOOD, (h2, sent) -> answered(p, h2), h2 -> h2.openAndReset(
        p.target.grpcHeaders(Probe.HEALTH_CHECK)), Hostile::streamsHandled,
        "count resets per connection and send GOAWAY ENHANCE_YOUR_CALM past a budget",
        "lab-reliability/src/test/java/lab/reliability/ResetFloodTest.java");
  }

  /** SETTINGS frames the server must acknowledge, one after another, read as they come. */
  static void settingsFlood(Probe p) throws IOException, InterruptedException {
    flood(p, "SETTINGS flood", SETTINGS_FLOOD,
        (h2, sent) -> h2.awaitSettingsAcks(sent + 1, Probe.ANSWER), H2Connection::emptySettings,
        (h2, sent) -> String.format("after %,d acknowledged", h2.settingsAcks() - 1),
        "budget SETTINGS frames per connection (grpc-java alone answers every one)",
        "lab-reliability/src/test/java/lab/reliability/SettingsFloodTest.java");
  }

  /** A header block that never ends (CVE-2024-27316 and kin): CONTINUATION after CONTINUATION. */
  static void continuationFlood(Probe p) throws IOException, InterruptedException {
    int[] stream = new int[1];
    int[] n = new int[1];
    flood(p, "CONTINUATION flood", CONTINUATION_FLOOD, null, h2 -> {
      if (stream[0] == 0) {
        stream[0] = h2.openUnfinished(p.target.grpcHeaders(Probe.HEALTH_CHECK));
      }
      h2.continuation(stream[0], Payloads.literalField("x-flood-" + n[0]++, "a".repeat(16_000)));
    }, (h2, sent) -> String.format("within %,d KiB of one header block", sent * 16_000 / 1024),
        "bound a header block as it arrives, not once it ends (Netty 4.1.108+ does)", LIMITS);
  }

  /** One step of a flood, written but not flushed. */
  private interface Step {
    void send(H2Connection h2) throws IOException;
  }

  /** What the server had handled when it stopped the flood, in the flood's own unit. */
  private interface Handled {
    String when(H2Connection h2, int sent);
  }

  /**
   * Waits until the server has handled every step sent so far, so the count at its GOAWAY is
   * what it handled, not what the socket had buffered; false if it did not answer. (Not a
   * PING: servers count PINGs as abuse of their own, and would stop the flood for that.)
   */
  private interface Barrier {
    boolean await(H2Connection h2, int sent) throws IOException, InterruptedException;
  }

  /**
   * Sends {@code count} steps in batches until the server sends GOAWAY or closes, with a good
   * client calling on its own connection throughout, and {@code barrier} (if any) after each
   * batch. The connection is closed after the
   * patience whatever happens, so a server that stops reading cannot block the checker.
   */
  private static void flood(Probe p, String check, int count, Barrier barrier, Step step,
      Handled handled, String advice, String see) throws IOException, InterruptedException {
    GoodClient good = GoodClient.start(p);
    long start = System.nanoTime();
    int sent = 0;
    String how;
    boolean broken = false;
    GoodClient.Result served;
    try (H2Connection h2 = p.target.h2()) {
      CompletableFuture.delayedExecutor(p.patience.toMillis() + 10_000, TimeUnit.MILLISECONDS)
          .execute(() -> closeQuietly(h2));
      h2.awaitSettingsAcks(1, Probe.ANSWER);
      try {
        while (sent < count && !h2.goAway().isDone() && !h2.closed().isDone()) {
          for (int i = 0; i < BATCH && sent < count; i++, sent++) {
            step.send(h2);
          }
          h2.flush();
          if (barrier != null && !barrier.await(h2, sent)) {
            break; // the server has stopped answering: the checks below say how
          }
        }
        // Frames in flight: give the server the time to answer the last of them.
        h2.await(() -> h2.goAway().isDone(), Duration.ofSeconds(2));
      } catch (IOException e) {
        broken = true; // the server closed the connection mid-flood: the outcome we hope for
      }
      how = h2.goAway().isDone() ? "GOAWAY " + h2.goAway().join().codeName() + " "
          + handled.when(h2, sent) : broken || h2.closed().isDone() ? "closed without GOAWAY "
          + handled.when(h2, sent) : null;
    } finally {
      served = good.stop();
    }
    long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    String measured = (how != null ? how : "no GOAWAY: all " + String.format("%,d", sent)
        + " handled") + " (" + ms + " ms); " + served;
    Verdict verdict = served.allServed() && how != null ? Verdict.PASS : Verdict.FAIL;
    p.add(new Finding(GROUP, check, verdict, measured, verdict == Verdict.PASS ? "" : advice,
        see));
  }

  /** With the barrier, the streams sent are the streams handled, give or take one batch. */
  private static String streamsHandled(H2Connection h2, int sent) {
    return String.format("after %,d–%,d streams", Math.max(0, sent - BATCH), sent);
  }

  /** A call to a service no server has, answered at once: every reset before it is handled. */
  private static boolean answered(Probe p, H2Connection h2) throws IOException,
      InterruptedException {
    H2Stream call = h2.open(p.target.grpcHeaders("/lab.check.NoSuchService/Nothing"), true);
    return Probe.awaitEnd(call).done().isDone();
  }

  /**
   * A connection that says nothing (or only the 24-byte preface, no SETTINGS): how long the
   * server holds it. Each one costs a socket and buffers; a server should not wait forever.
   */
  static void quietConnection(Probe p, String check, boolean preface)
      throws IOException, InterruptedException {
    long start = System.nanoTime();
    try (Socket socket = p.target.socket()) {
      if (preface) {
        socket.getOutputStream().write(H2Connection.PREFACE);
        socket.getOutputStream().flush();
      }
      socket.setSoTimeout((int) p.patience.toMillis());
      boolean closed = drainUntilClosed(socket.getInputStream(), start, p.patience);
      long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
      p.add(closed
          ? Finding.pass(GROUP, check, "closed after " + ms + " ms", LIMITS)
          : new Finding(GROUP, check, Verdict.WARN, "still open after " + ms + " ms",
              "close connections that do not finish the handshake (the lab: 10 s)", LIMITS));
    }
  }

  /** Reads (the server's SETTINGS, say) until end of stream; false if the patience ran out. */
  private static boolean drainUntilClosed(InputStream in, long start, Duration patience)
      throws IOException {
    byte[] buffer = new byte[4096];
    try {
      while (in.read(buffer) >= 0) {
        if (System.nanoTime() - start > patience.toNanos()) {
          return false;
        }
      }
      return true;
    } catch (SocketTimeoutException e) {
      return false;
    } catch (IOException e) {
      return true; // reset by the server: closed too
    }
  }

  private static void closeQuietly(H2Connection h2) {
    try {
      h2.close();
    } catch (IOException e) {
      // already closed
    }
  }
}
