package lab.benchmarks.peers;

import java.util.Map;

/**
 * The goals for the lab's VideoServer, as ratios from one run: ahead of every peer on
 * every figure; against the Python server, AddVideo at least 3× its rate, ListVideos at least
 * 30×, a ping-pong median at most half of its; and a ping-pong p99 of at most 1 ms.
 */
final class Goals {
  static final String PYTHON = "python";

  private Goals() {}

  /** A Markdown list of every goal, met or missed, with the measured ratio. */
  static String check(Map<String, Map<String, Double>> best) {
    Map<String, Double> lab = best.get(PeersReport.LAB);
    StringBuilder md = new StringBuilder("\nGoals (issue 15), from the table above:\n\n");
    best.forEach((peer, f) -> {
      if (peer.equals(PeersReport.LAB)) {
        return;
      }
      for (String figure : PeersReport.FIGURES) {
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

  private static String ratio(double measured, double goal, String what) {
    return line(measured >= goal, String.format("%s (measured %.1f×)", what, measured));
  }

  private static String line(boolean met, String what) {
    return "- " + (met ? "met" : "**missed**") + ": " + what + "\n";
  }
}
