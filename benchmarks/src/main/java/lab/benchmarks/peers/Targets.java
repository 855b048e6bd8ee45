package lab.benchmarks.peers;

import java.util.Map;

/**
 * What the lab's VideoServer is expected to reach against its peers, as ratios from one run:
 * ahead of every peer on every figure; against the Python server, AddVideo at least 3× its
 * rate, ListVideos at least 30×, a ping-pong median at most half of its; and a ping-pong p99
 * of at most 1 ms. The figures are VideoLoad's, each server's best over the rounds.
 */
public final class Targets {
  /** The label peers/run.sh gives the lab's own server. */
  public static final String LAB = "lab";
  static final String PYTHON = "python";

  private Targets() {}

  /** A Markdown list of every target, met or missed, with the measured ratio. */
  public static String check(Map<String, Map<String, Double>> best) {
    Map<String, Double> lab = best.get(LAB);
    StringBuilder md = new StringBuilder("\nTargets, from the table above:\n\n");
    best.forEach((peer, f) -> {
      if (peer.equals(LAB)) {
        return;
      }
      for (String figure : VideoLoad.FIGURES) {
        boolean rate = !figure.startsWith("pingpong");
        boolean ahead = rate ? lab.get(figure) > f.get(figure) : lab.get(figure) < f.get(figure);
        md.append(line(ahead, "ahead of " + peer + " on " + figure));
      }
    });
    Map<String, Double> python = best.get(PYTHON);
    if (python != null) {
      md.append(ratio(lab.get("unary") / python.get("unary"), 3, "AddVideo ≥ 3× Python"));
      md.append(ratio(lab.get("list") / python.get("list"), 30, "ListVideos ≥ 30× Python"));
      double median = lab.get("pingpong_p50") / python.get("pingpong_p50");
      md.append(line(median <= 0.5, String.format(
          "ping-pong median ≤ 0.5× Python's (measured %.2f×)", median)));
    }
    double p99 = lab.get("pingpong_p99");
    md.append(line(p99 <= 1_000, String.format("ping-pong p99 ≤ 1 ms (measured %.0f µs)", p99)));
    return md.toString();
  }

  private static String ratio(double measured, double target, String what) {
    return line(measured >= target, String.format("%s (measured %.1f×)", what, measured));
  }

  private static String line(boolean met, String what) {
    return "- " + (met ? "met" : "**missed**") + ": " + what + "\n";
  }
}
