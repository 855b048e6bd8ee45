package lab.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import lab.testing.Required;
import org.junit.jupiter.api.Test;

/**
 * Numbers the docs quote from a test's log are the ones the test logs. A line
 * {@code <!-- docs: logged by MODULE TestClass -->} above a paragraph says so; every code span
 * with a digit in that paragraph must appear in the test's log, which surefire keeps in
 * MODULE/target/surefire-reports (the reactor ran that module's tests before this one).
 */
class LoggedNumbersTest {
  private static final Pattern MARKER =
      Pattern.compile("^\\s*<!-- docs: logged by (\\S+) (\\S+) -->\\s*$");
  private static final Pattern NUMBER_SPAN = Pattern.compile("`([^`]*\\d[^`]*)`");

  @Test
  void everyNumberQuotedFromATestLogIsInThatTestsLog() throws IOException {
    List<String> problems = new ArrayList<>();
    int checked = 0;
    for (Path doc : Repo.docs()) {
      List<String> lines = Files.readAllLines(doc);
      for (int i = 0; i < lines.size(); i++) {
        Matcher marker = MARKER.matcher(lines.get(i));
        if (!marker.find()) {
          continue;
        }
        String log = testLog(marker.group(1), marker.group(2));
        for (int j = i + 1; j < lines.size() && !lines.get(j).isBlank()
            && !(j > i + 1 && lines.get(j).startsWith("- ")); j++) {
          Matcher span = NUMBER_SPAN.matcher(lines.get(j));
          while (span.find()) {
            checked++;
            if (!log.contains(span.group(1))) {
              problems.add(Repo.ROOT.relativize(doc) + ":" + (j + 1) + " `" + span.group(1)
                  + "` is not in " + marker.group(2) + "'s log");
            }
          }
        }
      }
    }
    assertEquals(List.of(), problems);
    assertFalse(checked == 0, "no number was checked: are the markers still there?");
  }

  private static String testLog(String module, String testClass) throws IOException {
    Path reports = Repo.ROOT.resolve(module).resolve("target/surefire-reports");
    String pkg = "lab." + module.replaceFirst("^(examples|lab)-", "");
    Path report = reports.resolve("TEST-" + pkg + "." + testClass + ".xml");
    if (!Files.exists(report)) {
      Required.missing("no test report " + Repo.ROOT.relativize(report)
          + "; run that module's tests first: ./mvnw -B verify");
    }
    return Files.readString(report);
  }
}
