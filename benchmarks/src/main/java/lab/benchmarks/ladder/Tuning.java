package lab.benchmarks.ladder;

import java.util.List;

/**
 * One rung of the tuning ladder: every knob the ladder turns, with grpc-java's defaults in
 * {@link #DEFAULTS}. {@link #of} gives a rung's settings either cumulatively (that knob and
 * every knob below it on the ladder) or alone (that knob on top of the defaults), so a run
 * shows both what a knob adds to the others and what it is worth by itself.
 *
 * @param directExecutor callbacks run on Netty's event loops (server and client), no hand-off
 * @param onReadyThreshold bytes the server may queue per call before isReady() turns false;
 *     0 keeps grpc-java's 32 KiB
 * @param window the client's HTTP/2 flow-control window in bytes, fixed (Netty's BDP probing
 *     off); 0 keeps the default: 1 MiB, grown by BDP probing
 * @param batch payloads per message (a repeated field); 1 is one payload per message
 * @param preSerialized the server sends bytes it serialized once, through a byte[] marshaller
 * @param gzip the server compresses its replies
 */
public record Tuning(boolean directExecutor, int onReadyThreshold, int window, int batch,
    boolean preSerialized, boolean gzip) {

  public static final Tuning DEFAULTS = new Tuning(false, 0, 0, 1, false, false);

  /** The rungs, bottom to top: the order in which a cumulative run turns the knobs. */
  public static final List<String> STEPS = List.of("default", "direct", "threshold", "window",
      "batch8", "batch64", "batch512", "preserialized", "gzip");

  static final int THRESHOLD = 256 * 1024;
  static final int WINDOW = 8 * 1024 * 1024;

  /** The settings of {@code step}, with the rungs below it too when {@code cumulative}. */
  public static Tuning of(String step, boolean cumulative) {
    int top = STEPS.indexOf(step);
    if (top < 0) {
      throw new IllegalArgumentException("no such step: " + step + " (one of " + STEPS + ")");
    }
    Tuning t = DEFAULTS;
    for (int i = cumulative ? 1 : top; i <= top; i++) {
      t = t.with(STEPS.get(i));
    }
    return t;
  }

  private Tuning with(String step) {
    boolean direct = directExecutor;
    int threshold = onReadyThreshold;
    int w = window;
    int b = batch;
    boolean pre = preSerialized;
    boolean z = gzip;
    switch (step) {
      case "default" -> { }
      case "direct" -> direct = true;
      case "threshold" -> threshold = THRESHOLD;
      case "window" -> w = WINDOW;
      case "batch8", "batch64", "batch512" -> b = Integer.parseInt(step.substring(5));
      case "preserialized" -> pre = true;
      case "gzip" -> z = true;
      default -> throw new IllegalArgumentException(step);
    }
    return new Tuning(direct, threshold, w, b, pre, z);
  }
}
