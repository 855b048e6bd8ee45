package lab.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;

class LogLimiterTest {
  private final LogLimiter limiter = new LogLimiter();

  private static LogRecord record(String message, Throwable thrown) {
    LogRecord record = new LogRecord(Level.WARNING, message);
    record.setLoggerName("io.grpc.test");
    record.setThrown(thrown);
    return record;
  }

  @Test
  void aThousandIdenticalWarningsInOneWindowLogOnce() {
    int logged = 0;
    for (int i = 0; i < 1_000; i++) {
      logged += limiter.isLoggable(record("Stream Error", new IllegalStateException("x"))) ? 1 : 0;
    }
    assertEquals(1, logged);
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
  }
}
