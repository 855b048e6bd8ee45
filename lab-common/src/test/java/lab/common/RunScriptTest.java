package lab.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The repository's ./run, in a tiny fake clone whose mvnw and java only record that they ran:
 * mistakes are answered before anything compiles, and a build happens once, one at a time.
 */
class RunScriptTest {
  @TempDir Path clone;
  private Path log;

  @BeforeEach
  void fakeClone() throws IOException {
    Path root = Path.of("").toAbsolutePath();
    while (!Files.exists(root.resolve("run")) || !Files.exists(root.resolve("mvnw"))) {
      root = root.getParent();
    }
    Files.copy(root.resolve("run"), clone.resolve("run"));
    log = clone.resolve("build.log");
    // A build that takes a moment, so two at once would overlap in the log.
    script("mvnw", "echo start >> build.log; sleep 1; mkdir -p examples-demo/target/classes;"
        + " : > examples-demo/target/classpath.txt; echo end >> build.log");
    script("bin/java", "echo \"ran $*\"");
    write("pom.xml", "<project/>");
    write("lab-common/pom.xml", "<artifactId>lab-common</artifactId>");
    write("lab-common/src/main/java/lab/common/Util.java", "class Util {}");
    write("examples-demo/pom.xml", "<artifactId>examples-demo</artifactId>"
        + " <artifactId>lab-common</artifactId>");
    write("examples-demo/src/main/java/lab/demo/DemoMain.java",
        "class DemoMain { public static void main(String[] args) {} }");
  }

  @Test
  void noArgumentPrintsCleanUsageAndTheModules() throws Exception {
    Result r = run();
    assertEquals(2, r.exit);
    assertTrue(r.err.startsWith("Runs any lesson's main from a fresh clone"), r.err);
    assertFalse(r.err.contains("set -euo"), r.err);
    assertTrue(r.err.endsWith("modules:\n  examples-demo\n"), r.err);
    assertFalse(Files.exists(log), "nothing compiled");
  }

  @Test
  void aWrongModuleListsTheModulesBeforeCompilingAnything() throws Exception {
    Result r = run("examples-demmo", "DemoMain");
    assertEquals(2, r.exit);
    assertEquals("no such module: examples-demmo\nmodules:\n  examples-demo\n", r.err);
    assertFalse(Files.exists(log), "nothing compiled");
  }

  @Test
  void aWrongMainListsThatModulesMainsBeforeCompilingAnything() throws Exception {
    Result r = run("examples-demo", "DemoMian");
    assertEquals(2, r.exit);
    assertEquals("no main lab.demo.DemoMian in examples-demo; its mains:\n  DemoMain\n", r.err);
    assertFalse(Files.exists(log), "nothing compiled");
  }

  @Test
  void mavenRunsOnlyWhenASourceOrPomIsNewerThanTheLastBuild() throws Exception {
    assertEquals("ran -Djava.util.logging.SimpleFormatter.format=%1$tT %4$s %3$s: %5$s%6$s%n"
        + " -cp examples-demo/target/classes: lab.demo.DemoMain --port 1\n",
        run("examples-demo", "DemoMain", "--port", "1").out);
    run("examples-demo", "DemoMain");
    assertEquals(List.of("start", "end"), Files.readAllLines(log), "second run: no build");
    Files.setLastModifiedTime(clone.resolve("lab-common/src/main/java/lab/common/Util.java"),
        FileTime.from(Instant.now().plusSeconds(10))); // a dependency's source changed
    run("examples-demo", "DemoMain");
    assertEquals(List.of("start", "end", "start", "end"), Files.readAllLines(log));
  }

  @Test
  void twoRunsAtOnceBuildOneAtATimeAndTheSecondReusesTheFirstsBuild() throws Exception {
    Process first = start("examples-demo", "DemoMain");
    Process second = start("examples-demo", "DemoMain");
    assertEquals(0, exit(first));
    assertEquals(0, exit(second));
    assertEquals(List.of("start", "end"), Files.readAllLines(log));
  }

  private record Result(int exit, String out, String err) {}

  private Result run(String... args) throws Exception {
    Process p = start(args);
    int exit = exit(p);
    return new Result(exit, new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8),
        new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
  }

  private Process start(String... args) throws IOException {
    List<String> command = new ArrayList<>(List.of("bash", clone.resolve("run").toString()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).directory(clone.toFile());
    builder.environment().put("PATH", clone.resolve("bin") + ":" + System.getenv("PATH"));
    return builder.start();
  }

  private static int exit(Process p) throws InterruptedException {
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("./run did not finish in 60 s");
    }
    return p.exitValue();
  }

  private void script(String name, String body) throws IOException {
    Path file = write(name, "#!/bin/sh\n" + body + "\n");
    assertTrue(file.toFile().setExecutable(true));
  }

  private Path write(String name, String text) throws IOException {
    Path file = clone.resolve(name);
    Files.createDirectories(file.getParent());
    return Files.writeString(file, text);
  }
}
