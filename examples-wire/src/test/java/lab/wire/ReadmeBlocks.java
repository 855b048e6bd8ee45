package lab.wire;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Reads a block of one of the module's Markdown files (README.md, RESULTS.md) between
 * {@code <!-- NAME:begin -->} and its end marker.
 */
final class ReadmeBlocks {
  private ReadmeBlocks() {}

  /** The lines inside the block's code fence. */
  static List<String> lines(String file, String name) throws IOException {
    String readme = Files.readString(Path.of(file)); // surefire runs in the module dir
    String begin = "<!-- " + name + ":begin -->";
    String end = "<!-- " + name + ":end -->";
    int from = readme.indexOf(begin);
    int to = readme.indexOf(end);
    if (from < 0 || to < from) {
      throw new AssertionError(file + " has no " + begin + " ... " + end + " block");
    }
    return readme.substring(from + begin.length(), to).lines()
        .filter(line -> !line.startsWith("```"))
        .dropWhile(String::isBlank)
        .toList();
  }

  /** What may differ between two runs: ports, trailing spaces, CRs, a final blank line. */
  static String normalize(List<String> lines) {
    String text = String.join("\n", lines.stream()
        .map(l -> l.replaceAll("127\\.0\\.0\\.1:\\d+", "127.0.0.1:PORT").stripTrailing())
        .toList());
    return text.strip();
  }
}
