package lab.observability;

import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * A java.util.logging formatter that starts each line with {@code [call=ID]} when the line
 * is logged on behalf of a call. It reads the id from the gRPC Context of the logging thread,
 * so handler code never has to pass the id around or remember to print it.
 *
 * <p>Why this works: JUL's console and file handlers format a record synchronously, on the
 * thread that logged it, while that thread still has the call's Context attached. (An
 * asynchronous handler would have to capture the id when the record is created instead.)
 */
public final class CallIdFormatter extends Formatter {
  private final Formatter delegate = new SimpleFormatter();

  @Override
  public String format(LogRecord record) {
    String id = CallId.current();
    String line = delegate.format(record);
    return id == null ? line : "[call=" + id + "] " + line;
  }

  /** Makes every handler of the root logger (the console, by default) use this format. */
  public static void installOnRootHandlers() {
    for (Handler handler : Logger.getLogger("").getHandlers()) {
      handler.setFormatter(new CallIdFormatter());
    }
  }
}
