package lab.benchmarks.report;

import java.text.DecimalFormat;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberTickUnit;

/** Chart details the report mains share. */
final class Charts {
  private Charts() {}

  /** A log axis with one tick per power of ten, labelled in plain numbers (not 10^x). */
  static LogAxis logAxis(String label, double smallest) {
    LogAxis axis = new LogAxis(label);
    axis.setSmallestValue(smallest);
    axis.setTickUnit(new NumberTickUnit(1));
    axis.setNumberFormatOverride(new DecimalFormat("#,##0.###"));
    return axis;
  }
}
