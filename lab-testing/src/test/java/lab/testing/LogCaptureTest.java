package lab.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.logging.Formatter;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

class LogCaptureTest {
  private static final Logger LOG = Logger.getLogger("lab.testing.capture");
  private static final Logger CHILD = Logger.getLogger("lab.testing.capture.child");

  @Test
  void keepsRecordsAtOrAboveItsLevelFromTheLoggerAndItsChildren() {
    try (LogCapture capture = LogCapture.attach(Level.WARNING, LOG.getName())) {
      LOG.info("below");
      LOG.warning("at");
      CHILD.severe("above, from a child");

      assertEquals(List.of("at", "above, from a child"), capture.messages());
      assertEquals(List.of(Level.WARNING, Level.SEVERE),
          capture.records().stream().map(LogRecord::getLevel).toList());
      assertEquals("SEVERE lab.testing.capture.child: above, from a child",
          capture.lines().get(1).text());
    }
  }

  @Test
  void afterCloseItIsDetachedAndSeesNothingMore() {
    LogCapture capture = LogCapture.attach(Level.ALL, LOG.getName(), CHILD.getName());
    LOG.warning("while attached");
    capture.close();
    LOG.warning("after close");
    CHILD.warning("after close, from the child");

    assertEquals(List.of("while attached"), capture.messages());
    assertFalse(List.of(LOG.getHandlers()).contains(capture));
    assertFalse(List.of(CHILD.getHandlers()).contains(capture));
  }

  @Test
  void quietKeepsTheConsoleOutUntilClosed() {
    assertTrue(LOG.getUseParentHandlers());
    try (LogCapture capture = LogCapture.attach(Level.ALL, LOG.getName()).quiet()) {
      assertFalse(LOG.getUseParentHandlers());
      LOG.severe("captured, not printed");
      assertEquals(List.of("captured, not printed"), capture.messages());
    }
    assertTrue(LOG.getUseParentHandlers());
  }

  @Test
  void aFormatterMakesEachLineOnTheThreadThatLogged() throws Exception {
    Formatter threadAware = new Formatter() {
      @Override public String format(LogRecord record) {
        return Thread.currentThread().getName() + "|" + record.getMessage() + "\n";
      }
    };
    try (LogCapture capture = LogCapture.attach(Level.ALL, threadAware, LOG.getName())) {
      Thread other = new Thread(() -> LOG.info("from elsewhere"), "elsewhere");
      other.start();
      other.join();

      assertEquals(List.of(new LogCapture.Line("elsewhere|from elsewhere", "elsewhere")),
          capture.lines());
    }
  }
}
