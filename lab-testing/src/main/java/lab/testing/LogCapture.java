package lab.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * What named java.util.logging loggers (and their children) write while a test runs, for
 * claims such as "nothing logged at WARNING" or "every line carries the call id". Records
 * below the capture's level are dropped. Closing detaches it; try-with-resources or an
 * {@code @AfterEach} does, so a capture never outlives its test.
 */
public final class LogCapture extends Handler implements AutoCloseable {
  /** A captured line: its text, formatted as it was logged, and the thread that logged it. */
  public record Line(String text, String thread) {}

  private final List<Logger> loggers = new ArrayList<>(); // held: JUL keeps loggers weakly
  private final List<Boolean> usedParentHandlers = new ArrayList<>();
  private boolean quiet;
  private final List<LogRecord> records = new ArrayList<>(); // guarded by this, like lines
  private final List<Line> lines = new ArrayList<>();

  private LogCapture(Level level, Formatter formatter) {
    setLevel(level);
    if (formatter != null) {
      setFormatter(formatter);
    }
  }

  /** Captures records at or above {@code level} logged under each of {@code loggerNames}. */
  public static LogCapture attach(Level level, String... loggerNames) {
    return attach(level, null, loggerNames);
  }

  /**
   * As {@link #attach(Level, String...)}, each line's text made by {@code formatter} on the
   * logging thread at once, as a console handler would (null: "LEVEL logger: message").
   */
  public static LogCapture attach(Level level, Formatter formatter, String... loggerNames) {
    LogCapture capture = new LogCapture(level, formatter);
    for (String name : loggerNames) {
      Logger logger = Logger.getLogger(name);
      capture.loggers.add(logger);
      capture.usedParentHandlers.add(logger.getUseParentHandlers());
      logger.addHandler(capture);
    }
    return capture;
  }

  /** Keeps what these loggers write off their parents' handlers (the console) until closed. */
  public LogCapture quiet() {
    quiet = true;
    loggers.forEach(logger -> logger.setUseParentHandlers(false));
    return this;
  }

  @Override
  public void publish(LogRecord record) {
    if (!isLoggable(record)) {
      return;
    }
    String text = getFormatter() != null ? getFormatter().format(record).strip()
        : record.getLevel() + " " + record.getLoggerName() + ": " + record.getMessage()
            + (record.getThrown() == null ? "" : " / " + record.getThrown());
    Line line = new Line(text, Thread.currentThread().getName());
    synchronized (this) {
      records.add(record);
      lines.add(line);
    }
  }

  public synchronized List<LogRecord> records() {
    return List.copyOf(records);
  }

  /** Each record's message as logged (a pattern, before any parameters are filled in). */
  public synchronized List<String> messages() {
    return records.stream().map(LogRecord::getMessage).toList();
  }

  public synchronized List<Line> lines() {
    return List.copyOf(lines);
  }

  @Override
  public void flush() {}

  /** Detaches from every logger and gives each back its console, if {@link #quiet} took it. */
  @Override
  public void close() {
    for (int i = 0; i < loggers.size(); i++) {
      loggers.get(i).removeHandler(this);
      if (quiet) {
        loggers.get(i).setUseParentHandlers(usedParentHandlers.get(i));
      }
    }
  }
}
