package lab.network;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import lab.testing.Topology;

/**
 * Connection attempts as the network sees them: nftables traces every SYN towards a port
 * ({@code meta nftrace set 1}, rule loaded by the caller) and {@code nft monitor trace} prints
 * each one as it passes; a new source port is a new attempt, the same one a retransmission.
 * The time is when the line arrives here (stdbuf makes nft write each line at once).
 */
final class SynTrace implements AutoCloseable {
  private static final Pattern SYN = Pattern.compile("tcp sport (\\d+) tcp dport (\\d+) .*tcp flags == syn");

  private final Process monitor;
  private final long start = System.nanoTime();
  /** Source port to the milliseconds (since start) its first SYN was seen. */
  private final Map<Integer, Long> attempts = new LinkedHashMap<>();
  private int syns;

  SynTrace(Topology net, String where) throws IOException {
    monitor = net.start(where, "stdbuf", "-oL", "nft", "monitor", "trace");
    Thread reader = new Thread(this::read, "syn-trace");
    reader.setDaemon(true);
    reader.start();
  }

  private void read() {
    try (BufferedReader lines = new BufferedReader(
        new InputStreamReader(monitor.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line; (line = lines.readLine()) != null; ) {
        Matcher m = SYN.matcher(line);
        if (m.find() && line.contains(" packet: ")) { // one line per packet, then its rules
          long at = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
          synchronized (this) {
            syns++;
            attempts.putIfAbsent(Integer.parseInt(m.group(1)), at);
            notifyAll();
          }
        }
      }
    } catch (IOException e) {
      // the monitor was stopped
    }
  }

  /** Waits (bounded) until {@code n} attempts were seen; their times, first to last. */
  synchronized List<Long> awaitAttempts(int n, long withinMs) throws InterruptedException {
    long deadline = System.currentTimeMillis() + withinMs;
    while (attempts.size() < n) {
      long left = deadline - System.currentTimeMillis();
      if (left <= 0) {
        throw new AssertionError("saw " + attempts.size() + " of " + n + " attempts in "
            + withinMs + " ms: " + attempts);
      }
      wait(left);
    }
    return new ArrayList<>(attempts.values());
  }

  synchronized List<Long> attempts() {
    return new ArrayList<>(attempts.values());
  }

  /** Every SYN seen, retransmissions included. */
  synchronized int syns() {
    return syns;
  }

  long sinceStartMs() {
    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
  }

  @Override
  public void close() {
    monitor.destroyForcibly();
  }
}
