package lab.observability;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Records every line a logger writes, formatted by {@link CallIdFormatter} at the moment it
 * is logged (as the console handler would), with the name of the thread that logged it.
 */
final class LogCapture extends Handler implements AutoCloseable {
  record Line(String text, String thread) {}

  private final Logger logger;
  private final List<Line> lines = new ArrayList<>();

  private LogCapture(Logger logger) {
    this.logger = logger;
    setFormatter(new CallIdFormatter());
  }

  static LogCapture of(Class<?> loggingClass) {
    LogCapture capture = new LogCapture(Logger.getLogger(loggingClass.getName()));
    capture.logger.addHandler(capture);
    return capture;
  }

  @Override
  public synchronized void publish(LogRecord record) {
    lines.add(new Line(getFormatter().format(record).strip(), Thread.currentThread().getName()));
  }

  synchronized List<Line> lines() {
    return List.copyOf(lines);
  }

  synchronized List<Line> linesOf(String callId) {
    return lines.stream().filter(l -> l.text().startsWith("[call=" + callId + "] ")).toList();
  }

  @Override
  public void flush() {}

  @Override
  public void close() {
    logger.removeHandler(this);
  }
}
