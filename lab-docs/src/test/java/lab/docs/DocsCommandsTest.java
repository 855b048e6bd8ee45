package lab.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** Every shell block of the docs runs as written (or says why not), and shows what it prints. */
class DocsCommandsTest {
  private static final Pattern FAILED = Pattern.compile("DOCS-FAILED line (\\d+) exit (\\d+)");
  /** A comment naming an error status: the doc says this command fails, so it may. */
  private static final Pattern SAYS_IT_FAILS = Pattern.compile("#.*(?i:unauthenticated|invalid_?argument"
      + "|not_?found|unimplemented|deadline|permission_?denied|unavailable|resource_?exhausted)"
      + "|echo \"?exit \\$\\?|; echo \\$\\?");
  private static final Pattern RUN_LINE = Pattern.compile("(?m)(?:\\./run|^) *((?:examples|lab)-[a-z]+|benchmarks) ");
  private static final long BLOCK_TIMEOUT_S = 120;

  static List<DocBlock> allBlocks() throws IOException {
    List<DocBlock> blocks = new ArrayList<>();
    for (Path doc : Repo.docs()) {
      blocks.addAll(DocBlock.parse(doc));
    }
    return blocks;
  }

  @Test
  void everyShellBlockIsRunShownOrSkippedForAStatedReason() throws IOException {
    List<String> unmarked = allBlocks().stream().filter(DocBlock::isShell)
        .filter(b -> !(b.runs() || b.has("expect") || b.has("text") || b.skippedWithReason()))
        .map(b -> b.location(Repo.ROOT)).toList();
    assertEquals(List.of(), unmarked, "shell blocks with no <!-- docs: run | server ... | expect"
        + " | text | skip — reason --> marker on the line above their fence");
  }

  @TestFactory
  Stream<DynamicTest> everyDocumentedCommandRuns() throws IOException {
    List<DocBlock> blocks = allBlocks();
    List<DynamicTest> tests = new ArrayList<>();
    for (int i = 0; i < blocks.size(); i++) {
      DocBlock block = blocks.get(i);
      DocBlock next = i + 1 < blocks.size() ? blocks.get(i + 1) : null;
      DocBlock expect = next != null && next.file().equals(block.file()) && next.has("expect")
          ? next : null;
      // -Ddocs.only=examples-health runs one file's blocks (while fixing them).
      if (block.isShell() && block.runs()
          && block.location(Repo.ROOT).contains(System.getProperty("docs.only", ""))) {
        tests.add(DynamicTest.dynamicTest(block.location(Repo.ROOT), () -> run(block, expect)));
      }
    }
    return tests.stream();
  }

  private static void run(DocBlock block, DocBlock expect) throws Exception {
    Repo.requireBuf();
    Matcher module = RUN_LINE.matcher(String.join("\n", block.body()) + "\n"
        + String.join("\n", block.servers()));
    while (module.find()) {
      Repo.requirePackaged(module.group(1));
    }
    // A terminal session ("$ command" lines, then what it printed): run the commands,
    // expect the rest.
    boolean session = block.body().stream().anyMatch(l -> l.startsWith("$ "));
    if (session) {
      expect = block;
    }
    String all = runScript(block, session);
    System.out.println("=== " + block.location(Repo.ROOT) + "\n" + all);
    int logs = all.indexOf("DOCS-SERVER-LOGS");
    String output = logs < 0 ? all : all.substring(0, logs);
    List<String> problems = new ArrayList<>();
    if (output.contains("DOCS-SERVER-FAILED")) {
      problems.add(block.location(Repo.ROOT) + ": a server of its docs: server marker did not start");
    }
    Matcher failed = FAILED.matcher(output);
    while (failed.find()) {
      int bodyLine = Integer.parseInt(failed.group(1)) - 1;
      if (bodyLine < 1 || !saysItFails(block.body(), bodyLine)) {
        problems.add(Repo.ROOT.relativize(block.file()) + ":" + (block.line() + bodyLine)
            + " exited " + failed.group(2));
      }
    }
    if (expect != null) {
      List<String> seen = output.lines().map(String::strip).toList();
      for (int k = 0; k < expect.body().size(); k++) {
        String want = expect.body().get(k).strip();
        if (session && want.startsWith("$ ")) {
          continue;
        }
        if (!want.isEmpty() && seen.stream().noneMatch(s -> s.contains(want))) {
          problems.add(Repo.ROOT.relativize(expect.file()) + ":" + (expect.line() + k + 1)
              + " expected output not printed: " + want);
        }
      }
    }
    if (!problems.isEmpty()) {
      fail(String.join("\n", problems) + "\n--- output ---\n" + all);
    }
  }

  /** The failing line, or a line it continues, has a comment naming the error it ends in. */
  private static boolean saysItFails(List<String> body, int line) {
    for (int k = line; k >= 1; k--) {
      if (SAYS_IT_FAILS.matcher(body.get(k - 1)).find()) {
        return true;
      }
      if (k < 2 || !body.get(k - 2).endsWith("\\")) {
        return false;
      }
    }
    return false;
  }

  private static String runScript(DocBlock block, boolean session) throws Exception {
    Path dir = Files.createTempDirectory("lab-docs");
    Path script = dir.resolve("block.sh");
    Path out = dir.resolve("output.txt");
    Path prelude = Path.of(DocsCommandsTest.class.getResource("prelude.sh").toURI());
    // Line 1 sets up, so line N + 1 of the script is line N of the block.
    StringBuilder setup = new StringBuilder("source '" + prelude + "'");
    block.servers().forEach(spec -> setup.append("; docs_server ").append(spec));
    List<String> lines = new ArrayList<>(List.of(setup.toString()));
    for (String line : block.body()) {
      // Keep line numbers: an output line of a session becomes an empty line.
      lines.add(!session ? line : line.startsWith("$ ") ? line.substring(2) : "");
    }
    lines.add("docs_stop; wait");
    Files.write(script, lines);
    List<String> command = new ArrayList<>(Isolation.PREFIX);
    command.addAll(List.of("bash", "-c", Isolation.LOOPBACK_UP + "exec bash \"$0\"", script.toString()));
    ProcessBuilder builder = new ProcessBuilder(command)
        .directory(Repo.ROOT.toFile()).redirectErrorStream(true)
        .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
        .redirectOutput(out.toFile());
    builder.environment().put("DOCS_SERVERS", String.join(" ", block.servers().stream()
        .map(s -> s.split("\\s+")[0] + "/" + s.split("\\s+")[1]).toList()));
    Process bash = builder.start();
    if (!bash.waitFor(BLOCK_TIMEOUT_S, TimeUnit.SECONDS)) {
      bash.descendants().forEach(ProcessHandle::destroyForcibly);
      bash.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      fail(block.location(Repo.ROOT) + " still running after " + BLOCK_TIMEOUT_S + " s:\n"
          + Files.readString(out));
    }
    String output = Files.readString(out);
    if (bash.exitValue() != 0 && !FAILED.matcher(output).find()) {
      fail(block.location(Repo.ROOT) + " exited " + bash.exitValue() + ":\n" + output);
    }
    return output;
  }
}
