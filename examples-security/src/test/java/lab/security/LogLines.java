package lab.security;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/** What a logger (and the loggers below it) publishes from {@code min} up, until closed. */
final class LogLines extends Handler implements AutoCloseable {
  private final Logger logger; // held: java.util.logging keeps loggers only weakly
  private final Level min;
  private final List<LogRecord> records = new CopyOnWriteArrayList<>();

  private LogLines(Logger logger, Level min) {
    this.logger = logger;
    this.min = min;
    logger.addHandler(this);
  }

  static LogLines of(String loggerName, Level min) {
    return new LogLines(Logger.getLogger(loggerName), min);
  }

  /** Each record as "message thrown", the thrown part only when there is one. */
  List<String> lines() {
    return records.stream().map(r -> r.getMessage()
        + (r.getThrown() == null ? "" : " " + r.getThrown())).toList();
  }

  @Override
  public void publish(LogRecord record) {
    if (record.getLevel().intValue() >= min.intValue()) {
      records.add(record);
    }
  }

  @Override
  public void flush() {}

  @Override
  public void close() {
    logger.removeHandler(this);
  }
}
