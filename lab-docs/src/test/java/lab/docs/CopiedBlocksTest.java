package lab.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * No block of more than ten lines is written twice in the lab's own sources (Java, the peers'
 * Python and JavaScript, the shell scripts): shared code lives in one place a reader can find.
 * Lines are compared with their indentation, blank lines, comments, imports and lone
 * punctuation left out; generated code (target/) and installed packages are not read.
 */
class CopiedBlocksTest {
  static final int MAX_SHARED_LINES = 10;
  private static final Set<String> SKIPPED_DIRS = Set.of("target", "node_modules", ".git",
      ".mvn", "results", "results-1s-warmup");

  @Test
  void noBlockOfMoreThanTenLinesStandsTwiceInTheSources() throws IOException {
    List<Path> sources = sources();
    assertTrue(sources.size() > 300, "read the lab's sources: " + sources.size());
    assertEquals(List.of(), copies(sources, MAX_SHARED_LINES + 1));
  }

  @Test
  void aBlockOfElevenLinesWrittenTwiceIsFoundAndTenAreNot() throws IOException {
    Path dir = Files.createTempDirectory("copied-blocks");
    try {
      List<String> block = new ArrayList<>();
      for (int i = 0; i < 11; i++) {
        block.add("    total += values[" + i + "];");
      }
      Path a = Files.write(dir.resolve("A.java"), lines("class A {", block, "}"));
      Path b = Files.write(dir.resolve("B.java"), lines("class B {  // other words", block, "}"));
      Path c = Files.write(dir.resolve("C.java"), lines("class C {", block.subList(0, 10), "}"));

      assertEquals(1, copies(List.of(a, b), 11).size(), "eleven shared lines are a copy");
      assertEquals(List.of(), copies(List.of(a, c), 11), "ten are not");
    } finally {
      try (Stream<Path> files = Files.list(dir)) {
        for (Path f : files.toList()) {
          Files.delete(f);
        }
      }
      Files.delete(dir);
    }
  }

  private static List<String> lines(String first, List<String> middle, String last) {
    List<String> all = new ArrayList<>(List.of(first));
    all.addAll(middle);
    all.add(last);
    return all;
  }

  /** "a.java:12 = b.java:40" for each window of {@code window} lines found in two places. */
  static List<String> copies(List<Path> files, int window) throws IOException {
    Map<String, String> firstSeen = new LinkedHashMap<>();
    Set<String> found = new TreeSet<>();
    Set<String> filesPaired = new TreeSet<>();
    for (Path file : files) {
      List<int[]> numbers = new ArrayList<>();
      List<String> kept = significantLines(Files.readAllLines(file), numbers);
      for (int i = 0; i + window <= kept.size(); i++) {
        String key = String.join("\n", kept.subList(i, i + window));
        String here = Repo.ROOT.relativize(file.toAbsolutePath()) + ":" + numbers.get(i)[0];
        String there = firstSeen.putIfAbsent(key, here);
        String pair = there == null ? null : there.replaceAll(":\\d+$", "") + " = "
            + here.replaceAll(":\\d+$", "");
        if (there != null && filesPaired.add(pair)) {
          found.add(there + " = " + here); // the first window of each pair of files
        }
      }
    }
    return new ArrayList<>(found);
  }

  /** The lines that carry code, stripped; {@code numbers} gets each one's line number. */
  private static List<String> significantLines(List<String> lines, List<int[]> numbers) {
    List<String> kept = new ArrayList<>();
    boolean inComment = false;
    for (int n = 0; n < lines.size(); n++) {
      String line = lines.get(n).strip().replaceAll("\\s+", " ");
      if (inComment) {
        inComment = !line.contains("*/");
        continue;
      }
      if (line.startsWith("/*")) {
        inComment = !line.contains("*/");
        continue;
      }
      if (line.isEmpty() || line.startsWith("//") || line.startsWith("*")
          || line.startsWith("#") || line.startsWith("import ") || line.startsWith("package ")
          || line.matches("[{}()\\[\\];,]*")) {
        continue;
      }
      kept.add(line);
      numbers.add(new int[] {n + 1});
    }
    return kept;
  }

  /** The lab's own sources: .java, .py, .js and .sh files, outside build output. */
  private static List<Path> sources() throws IOException {
    try (Stream<Path> files = Files.walk(Repo.ROOT)) {
      return files.filter(Files::isRegularFile)
          .filter(f -> { // not under a skipped folder
            for (Path part : Repo.ROOT.relativize(f)) {
              if (SKIPPED_DIRS.contains(part.toString())) {
                return false;
              }
            }
            return true;
          })
          .filter(f -> f.toString().matches(".*\\.(java|py|js|sh)$"))
          .sorted().toList();
    }
  }
}
