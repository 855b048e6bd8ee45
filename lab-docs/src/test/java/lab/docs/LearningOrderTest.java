package lab.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The learning order is written once, in lessons.txt; every place that shows it follows it:
 * README.md's module table, the "Module:" line of each NOTES.md section, tour.sh's numbered
 * steps and the lessons in the root pom's module list.
 */
class LearningOrderTest {
  static List<String> lessons() throws IOException {
    return Files.readAllLines(Repo.ROOT.resolve("lessons.txt")).stream()
        .filter(line -> !line.isBlank() && !line.startsWith("#")).map(String::strip).toList();
  }

  /** Every match of {@code pattern}'s group 1 in {@code file}, in order, lessons only. */
  private static List<String> lessonsIn(String file, String pattern) throws IOException {
    Matcher m = Pattern.compile(pattern, Pattern.MULTILINE)
        .matcher(Files.readString(Repo.ROOT.resolve(file)));
    List<String> found = new ArrayList<>();
    while (m.find()) {
      if (m.group(1).startsWith("examples-")) {
        found.add(m.group(1));
      }
    }
    return found;
  }

  @Test
  void theReadmeModuleTableListsTheLessonsInTheLearningOrder() throws IOException {
    assertEquals(lessons(), lessonsIn("README.md", "^\\| \\d+ \\| \\[([a-z-]+)\\]"));
  }

  @Test
  void theNotesTakeTheLessonsInTheLearningOrder() throws IOException {
    assertEquals(lessons(), lessonsIn("NOTES.md", "^Module: \\[([a-z-]+)\\]"));
  }

  @Test
  void theTourStepsFollowTheLearningOrder() throws IOException {
    List<String> steps = lessonsIn("tour.sh", "^step \\d+ ([a-z-]+) ");
    assertEquals(lessons(), steps);
    // And each step's number is its place in the order (tour.sh checks that again as it runs).
    Matcher numbered = Pattern.compile("^step (\\d+) ([a-z-]+) ", Pattern.MULTILINE)
        .matcher(Files.readString(Repo.ROOT.resolve("tour.sh")));
    while (numbered.find()) {
      assertEquals(numbered.group(2), lessons().get(Integer.parseInt(numbered.group(1)) - 1));
    }
  }

  @Test
  void theRootPomBuildsTheLessonsInTheLearningOrder() throws IOException {
    assertEquals(lessons(), lessonsIn("pom.xml", "<module>([a-z-]+)</module>"));
  }

  @Test
  void everyLessonModuleOfTheTreeIsInTheLearningOrder() throws IOException {
    try (var dirs = Files.list(Repo.ROOT)) {
      List<String> modules = dirs.filter(d -> Files.exists(d.resolve("pom.xml")))
          .map(d -> d.getFileName().toString()).filter(n -> n.startsWith("examples-")).sorted()
          .toList();
      assertEquals(modules, lessons().stream().sorted().toList());
    }
  }
}
