package lab.common;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import java.util.logging.Filter;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Keeps a server's log readable when clients misbehave by the thousand. grpc-java logs some
 * events once per stream: a client that cancels while a reply is being written costs a
 * WARNING with a stack trace ("Stream closed before write could take place"), so 10,000
 * abandoned calls could write tens of thousands of lines. This filter drops what a client's
 * own cancellation causes (nothing is wrong with the server) and lets any other repeated
 * event through once per {@link #WINDOW}, saying how many like it it held back.
 */
public final class LogLimiter implements Filter {
  static final Duration WINDOW = Duration.ofSeconds(10);
  /** The loggers that log per stream; kept here so the filters stay installed. */
  private static final List<Logger> GRPC_LOGGERS = List.of(
      Logger.getLogger(Transport.HANDLER),
      Logger.getLogger(Transport.STREAM),
      Logger.getLogger(Transport.CONNECTIONS),
      Logger.getLogger("io.grpc.internal.SerializingExecutor"),
      Logger.getLogger("io.grpc.internal.ServerImpl"),
      Logger.getLogger(CallLimit.LOGGER),
      Logger.getLogger(ConnectionCap.LOGGER),
      Logger.getLogger(SettingsBudget.LOGGER));

  /** The loggers of grpc-java's Netty transport, which log what a peer did. */
  static final class Transport {
    static final String HANDLER = "io.grpc.netty.shaded.io.grpc.netty.NettyServerHandler";
    static final String STREAM = "io.grpc.netty.shaded.io.grpc.netty.NettyServerStream";
    static final String CONNECTIONS =
        "io.grpc.netty.shaded.io.grpc.netty.NettyServerTransport.connections";
    private static final List<String> ALL = List.of(HANDLER, STREAM, CONNECTIONS);

    private Transport() {}
  }

  private final Map<String, Window> windows = new ConcurrentHashMap<>();
  private final LongSupplier nanoTime;

  /** One kind of event's current window: when it opened and how many were held back since. */
  private static final class Window {
    private boolean open;
    private long startNanos;
    private int held;

    /** True if an event at {@code now} is logged; adds the count held back to its message. */
    synchronized boolean admit(long now, LogRecord record) {
      if (open && now - startNanos < WINDOW.toNanos()) {
        held++;
        return false;
      }
      if (held > 0) {
        record.setMessage(record.getMessage() + " (" + held + " more like this in the last "
            + WINDOW.toSeconds() + " s were not logged)");
      }
      open = true;
      startNanos = now;
      held = 0;
      return true;
    }
  }

  public LogLimiter() {
    this(System::nanoTime);
  }

  /** With a clock of its own, so a test can step through a window without waiting for it. */
  LogLimiter(LongSupplier nanoTime) {
    this.nanoTime = nanoTime;
  }

  /** Installs one limiter on grpc-java's per-stream loggers (idempotent). */
  public static synchronized void install() {
    for (Logger logger : GRPC_LOGGERS) {
      if (!(logger.getFilter() instanceof LogLimiter)) {
        logger.setFilter(new LogLimiter());
      }
    }
  }

  @Override
  public boolean isLoggable(LogRecord record) {
    if (causedByClientCancel(record.getThrown())) {
      return false;
    }
    Throwable thrown = record.getThrown();
    String key = record.getLoggerName() + '|' + record.getMessage() + '|'
        + (thrown == null ? "" : thrown.getClass().getName());
    if (!windows.computeIfAbsent(key, k -> new Window()).admit(nanoTime.getAsLong(), record)) {
      return false;
    }
    if (thrown != null && Transport.ALL.contains(record.getLoggerName())) {
      record.setMessage(record.getMessage() + ": " + typeOf(thrown) + ": " + thrown.getMessage());
      record.setThrown(null);
    }
    return true;
  }

  /** The exception's simple name; an anonymous one's is empty, so its superclass's. */
  private static String typeOf(Throwable thrown) {
    Class<?> type = thrown.getClass();
    while (type.getSimpleName().isEmpty()) {
      type = type.getSuperclass();
    }
    return type.getSimpleName();
  }

  /** A write that raced the client's RST_STREAM: the client left; the server did nothing wrong. */
  private static boolean causedByClientCancel(Throwable thrown) {
    for (Throwable t = thrown; t != null; t = t.getCause()) {
      if (String.valueOf(t.getMessage()).contains("Stream closed before write could take place")) {
        return true;
      }
    }
    return false;
  }
}
