package lab.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Every relative link of the docs points at a file or folder of the clone. */
class DocLinksTest {
  private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)\\)");

  @Test
  void everyRelativeLinkInTheDocsResolves() throws IOException {
    List<String> broken = new ArrayList<>();
    int checked = 0;
    for (Path doc : Repo.docs()) {
      List<String> lines = Files.readAllLines(doc);
      for (int i = 0; i < lines.size(); i++) {
        Matcher link = LINK.matcher(lines.get(i));
        while (link.find()) {
          String target = link.group(1).replaceFirst("#.*", "");
          if (target.isEmpty() || target.matches("[a-z]+:.*")) {
            continue; // an anchor in the same file, or http(s):, mailto:
          }
          checked++;
          if (!Files.exists(doc.getParent().resolve(target))) {
            broken.add(Repo.ROOT.relativize(doc) + ":" + (i + 1) + " " + link.group(1));
          }
        }
      }
    }
    assertEquals(List.of(), broken);
    assertTrue(checked > 100, "links checked: " + checked);
  }
}
