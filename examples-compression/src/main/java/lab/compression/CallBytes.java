package lab.compression;

import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What one call's messages weighed, as a stream tracer saw them, in each direction: the bytes
 * on the wire (after compression) and the bytes the messages serialize to (before it). Sizes
 * are message bodies only; each message also has a 5-byte frame header (1 byte "compressed?",
 * 4 bytes length), and the call has HTTP/2 headers, which HPACK compresses separately.
 */
public record CallBytes(String method, long sentWire, long sentUncompressed,
    long receivedWire, long receivedUncompressed) {

  /** Wire size as a fraction of the uncompressed size of what this side sent. */
  public double sentRatio() {
    return (double) sentWire / sentUncompressed;
  }

  /** Wire size as a fraction of the uncompressed size of what this side received. */
  public double receivedRatio() {
    return (double) receivedWire / receivedUncompressed;
  }

  @Override
  public String toString() {
    return method + ": sent " + describe(sentWire, sentUncompressed)
        + ", received " + describe(receivedWire, receivedUncompressed);
  }

  private static String describe(long wire, long uncompressed) {
    String ratio = uncompressed == 0 ? "" : String.format(Locale.ROOT, " (%.1f%%)", 100.0 * wire / uncompressed);
    return String.format(Locale.ROOT, "%,d bytes on the wire for %,d%s", wire, uncompressed, ratio);
  }

  /**
   * Adds up one stream's sizes. Tracer callbacks run on transport threads, so the totals are
   * atomic; a stream may carry several messages, so they are sums.
   */
  static final class Counter {
    final AtomicLong sentWire = new AtomicLong();
    final AtomicLong sentUncompressed = new AtomicLong();
    final AtomicLong receivedWire = new AtomicLong();
    final AtomicLong receivedUncompressed = new AtomicLong();

    CallBytes snapshot(String method) {
      return new CallBytes(method, sentWire.get(), sentUncompressed.get(), receivedWire.get(),
          receivedUncompressed.get());
    }
  }
}
