package lab.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Every relative link of the docs points at a file or folder of the clone, and every
 * {@code #section} of a Markdown file at a heading that file has.
 */
class DocLinksTest {
  private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)\\)");
  private static final Pattern HEADING = Pattern.compile("^#{1,6}\\s+(.*?)\\s*#*\\s*$");

  @Test
  void everyRelativeLinkInTheDocsResolves() throws IOException {
    List<String> broken = new ArrayList<>();
    int checked = 0;
    int anchors = 0;
    for (Path doc : Repo.docs()) {
      List<String> lines = Files.readAllLines(doc);
      for (int i = 0; i < lines.size(); i++) {
        Matcher link = LINK.matcher(lines.get(i));
        while (link.find()) {
          String[] parts = link.group(1).split("#", 2);
          String target = parts[0];
          if (target.matches("[a-z]+:.*")) {
            continue; // http(s):, mailto:
          }
          Path file = target.isEmpty() ? doc : doc.getParent().resolve(target);
          boolean ok = Files.exists(file);
          if (ok && parts.length == 2 && file.toString().endsWith(".md")) {
            anchors++;
            ok = anchorsOf(file).contains(parts[1]);
          }
          checked++;
          if (!ok) {
            broken.add(Repo.ROOT.relativize(doc) + ":" + (i + 1) + " " + link.group(1));
          }
        }
      }
    }
    assertEquals(List.of(), broken);
    assertTrue(checked > 100, "links checked: " + checked);
    assertTrue(anchors > 10, "links to a section checked: " + anchors);
  }

  @Test
  void anchorsAreMadeFromHeadingsTheWayGitHubMakesThem() throws IOException {
    Path doc = Files.createTempFile("anchors", ".md");
    try {
      Files.write(doc, List.of("# Take the tour", "## Options: compression, timeouts",
          "```", "# not a heading", "```", "### `./run` and you", "## Take the tour"));
      assertEquals(Set.of("take-the-tour", "options-compression-timeouts", "run-and-you",
          "take-the-tour-1"), anchorsOf(doc));
    } finally {
      Files.delete(doc);
    }
  }

  /** GitHub's anchors: lower case, punctuation dropped, spaces to hyphens, repeats numbered. */
  private static Set<String> anchorsOf(Path markdown) throws IOException {
    Set<String> anchors = new HashSet<>();
    Map<String, Integer> seen = new HashMap<>();
    boolean inCode = false;
    for (String line : Files.readAllLines(markdown)) {
      if (line.startsWith("```")) {
        inCode = !inCode;
      }
      Matcher heading = HEADING.matcher(line);
      if (inCode || !heading.matches()) {
        continue;
      }
      String slug = heading.group(1).toLowerCase()
          .replaceAll("[^\\p{L}\\p{N} _-]", "").replace(' ', '-');
      int n = seen.merge(slug, 1, Integer::sum) - 1;
      anchors.add(n == 0 ? slug : slug + "-" + n);
    }
    return anchors;
  }
}
