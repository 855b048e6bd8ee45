package lab.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** `buf lint` passes on every module's .proto files, with rules disabled only for a reason. */
class BufLintTest {
  private static final Path CONFIG = Repo.ROOT.resolve(".ci/buf.yaml");

  @Test
  void everyProtoOfTheLabPassesBufLint() throws Exception {
    Repo.requireBuf();
    List<Path> dirs = Repo.protoDirs();
    // 10 modules have protos (the wire, resilience and observability lessons share
    // lab-protos' work.proto), examples-contracts three folders of them: finding fewer means
    // the lookup broke, not that lint passed.
    assertTrue(dirs.size() >= 13, "proto directories found: " + dirs);
    List<String> problems = new ArrayList<>();
    for (Path dir : dirs) {
      String problem = Repo.bufProblems(dir, "lint", "--config", CONFIG.toString());
      if (problem != null) {
        problems.add(problem);
      }
    }
    assertEquals(List.of(), problems);
  }

  /** A rule line (`- RULE` under except, `RULE:` under ignore_only) follows its reason. */
  @Test
  void everyDisabledRuleSaysWhy() throws IOException {
    List<String> lines = Files.readAllLines(CONFIG);
    List<String> unexplained = new ArrayList<>();
    boolean explained = false;
    boolean inUse = false; // rules under `use:` are switched on, they need no reason
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.endsWith(":") && line.matches("[a-z_]+:")) {
        inUse = line.equals("use:");
      }
      if (inUse) {
        continue;
      }
      if (line.startsWith("#")) {
        explained = true;
      } else if (line.matches("(- )?[A-Z][A-Z_]+:?")) {
        if (!explained) {
          unexplained.add(".ci/buf.yaml:" + (i + 1) + " " + line);
        }
      } else {
        explained = false;
      }
    }
    assertEquals(List.of(), unexplained, "disabled rules with no comment right above them");
  }
}
