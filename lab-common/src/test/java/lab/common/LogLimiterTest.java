package lab.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

class LogLimiterTest {
  /** The limiter's clock, stepped by the test: a window passes without waiting for it. */
  private final AtomicLong now = new AtomicLong();
  private final LogLimiter limiter = new LogLimiter(now::get);
  private static final long WINDOW = LogLimiter.WINDOW.toNanos();

  private static LogRecord record(String message, Throwable thrown) {
    LogRecord record = new LogRecord(Level.WARNING, message);
    record.setLoggerName("io.grpc.test");
    record.setThrown(thrown);
    return record;
  }

  private int logged(int times, String message) {
    int logged = 0;
    for (int i = 0; i < times; i++) {
      logged += limiter.isLoggable(record(message, new IllegalStateException("x"))) ? 1 : 0;
    }
    return logged;
  }

  @Test
  void aTransportLoggersLineKeepsTheExceptionsTypeAndMessageButNotItsStackTrace() {
    LogRecord record = new LogRecord(Level.INFO, "Transport failed");
    record.setLoggerName(LogLimiter.Transport.CONNECTIONS);
    record.setThrown(new IllegalStateException("too_many_rststreams"));

    assertTrue(limiter.isLoggable(record));
    assertEquals("Transport failed: IllegalStateException: too_many_rststreams",
        record.getMessage());
    assertEquals(null, record.getThrown(), "a peer's misbehaviour logs no stack trace");
  }

  @Test
  void anAnonymousExceptionIsNamedByTheClassItExtends() {
    // grpc-java's too_many_rststreams is an anonymous subclass of Netty's Http2Exception.
    LogRecord record = new LogRecord(Level.INFO, "Transport failed");
    record.setLoggerName(LogLimiter.Transport.CONNECTIONS);
    record.setThrown(new IllegalStateException("too_many_rststreams") {});

    assertTrue(limiter.isLoggable(record));
    assertEquals("Transport failed: IllegalStateException: too_many_rststreams",
        record.getMessage());
  }

  @Test
  void otherLoggersKeepTheirStackTraces() {
    // SerializingExecutor's "Exception while executing runnable" is a bug in the server's
    // own code: its trace is what someone needs to fix it.
    LogRecord record = record("Exception while executing runnable", new IllegalStateException());
    assertTrue(limiter.isLoggable(record));
    assertTrue(record.getThrown() instanceof IllegalStateException);
    assertEquals("Exception while executing runnable", record.getMessage());
  }

  @Test
  void aThousandIdenticalWarningsInOneWindowLogOnce() {
    assertEquals(1, logged(1_000, "Stream Error"));
  }

  @Test
  void theFirstLineAfterTheWindowSaysHowManyLikeItWereHeldBack() {
    logged(1_000, "Stream Error");
    now.addAndGet(WINDOW);

    LogRecord next = record("Stream Error", new IllegalStateException("x"));
    assertTrue(limiter.isLoggable(next), "a new window logs again");
    assertEquals("Stream Error (999 more like this in the last 10 s were not logged)",
        next.getMessage());

    assertEquals(0, logged(3, "Stream Error"), "and holds back the next ones anew");
    now.addAndGet(WINDOW);
    LogRecord third = record("Stream Error", new IllegalStateException("x"));
    assertTrue(limiter.isLoggable(third));
    assertEquals("Stream Error (3 more like this in the last 10 s were not logged)",
        third.getMessage(), "the count starts again with each window");
  }

  @Test
  void anEventIsHeldUntilTheWindowHasFullyPassed() {
    logged(1, "Stream Error");
    now.addAndGet(WINDOW - 1);
    assertEquals(0, logged(1, "Stream Error"));
    now.addAndGet(1);
    assertEquals(1, logged(1, "Stream Error"));
  }

  @Test
  void anEventThatWasNeverHeldBackIsLoggedUnchanged() {
    logged(1, "Stream Error");
    now.addAndGet(WINDOW);
    LogRecord again = record("Stream Error", null);
    assertTrue(limiter.isLoggable(again));
    assertEquals("Stream Error", again.getMessage());
  }

  @Test
  void differentEventsAreEachLoggedOnce() {
    int logged = 0;
    for (int i = 0; i < 100; i++) {
      logged += limiter.isLoggable(record("event " + (i % 3), null)) ? 1 : 0;
    }
    assertEquals(3, logged);
  }

  @Test
  void aWriteThatRacedTheClientsCancelIsNeverLogged() {
    var raced = new RuntimeException("Stream closed before write could take place");
    assertFalse(limiter.isLoggable(record("Stream Error", new RuntimeException("wrapped", raced))));
    assertTrue(limiter.isLoggable(record("Stream Error", new RuntimeException("wrapped"))),
        "another failure with the same message is logged");
  }

  @Test
  void installingPutsOneLimiterOnEachOfGrpcsPerStreamLoggers() {
    Logger handler = Logger.getLogger("io.grpc.netty.shaded.io.grpc.netty.NettyServerHandler");
    handler.setFilter(null);
    LogLimiter.install();
    var installed = handler.getFilter();
    assertTrue(installed instanceof LogLimiter, String.valueOf(installed));
    LogLimiter.install();
    assertEquals(installed, handler.getFilter(), "installing again keeps the one in place");
  }
}
