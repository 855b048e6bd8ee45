package lab.reliability;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/** Captures what grpc-java and the lab log (INFO and above) while a test runs. */
final class LogProbe extends Handler implements AutoCloseable {
  private static final List<String> ROOTS = List.of("io.grpc", "lab");
  private final List<LogRecord> records = new CopyOnWriteArrayList<>();

  LogProbe() {
    setLevel(Level.INFO);
    ROOTS.forEach(name -> Logger.getLogger(name).addHandler(this));
  }

  List<LogRecord> records() {
    return List.copyOf(records);
  }

  /** The records as one line each: level, logger, message, and the exception if any. */
  List<String> lines() {
    return records.stream().map(r -> r.getLevel() + " " + r.getLoggerName() + ": "
        + r.getMessage() + (r.getThrown() == null ? "" : " / " + r.getThrown())).toList();
  }

  @Override
  public void publish(LogRecord record) {
    if (isLoggable(record)) {
      records.add(record);
    }
  }

  @Override
  public void flush() {}

  @Override
  public void close() {
    ROOTS.forEach(name -> Logger.getLogger(name).removeHandler(this));
  }
}
