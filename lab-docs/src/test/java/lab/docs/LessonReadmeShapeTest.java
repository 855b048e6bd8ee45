package lab.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every lesson's README has the same shape, so a reader who learned one knows them all: what
 * you learn (at most ten lines), run it, read it, try it, and the tests that prove it; at most
 * 150 lines, long measured tables in a results file it links to.
 */
class LessonReadmeShapeTest {
  static final List<String> PARTS =
      List.of("What you learn", "Run it", "Read it", "Try it", "Proven by");
  static final int MAX_LINES = 150;
  static final int MAX_LEARN_LINES = 10;

  @Test
  void everyLessonReadmeHasTheFivePartsInOrderWithinItsLengths() throws IOException {
    List<String> wrong = new ArrayList<>();
    for (String lesson : LearningOrderTest.lessons()) {
      List<String> lines = Files.readAllLines(Repo.ROOT.resolve(lesson).resolve("README.md"));
      List<String> parts = lines.stream().filter(l -> l.startsWith("## "))
          .map(l -> l.substring(3).strip()).toList();
      if (!parts.equals(PARTS)) {
        wrong.add(lesson + ": parts " + parts);
      }
      if (lines.size() > MAX_LINES) {
        wrong.add(lesson + ": " + lines.size() + " lines (at most " + MAX_LINES + ")");
      }
      int learn = lines.indexOf("## " + PARTS.get(0));
      int run = lines.indexOf("## " + PARTS.get(1));
      if (learn >= 0 && run > learn) {
        long learnLines = lines.subList(learn + 1, run).stream().filter(l -> !l.isBlank()).count();
        if (learnLines > MAX_LEARN_LINES) {
          wrong.add(lesson + ": \"What you learn\" has " + learnLines + " lines (at most "
              + MAX_LEARN_LINES + ")");
        }
      }
    }
    assertEquals(List.of(), wrong);
  }
}
