package lab.docs;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A lesson's main started the way ./run starts it (from target/classes), whose output is kept
 * and watched for LabServer's "Listening on 127.0.0.1:PORT" line.
 */
final class LabMain implements AutoCloseable {
  private final String name;
  private final Process process;
  private final CountDownLatch listening;
  private final StringBuffer output = new StringBuffer();

  /** spec: "MODULE MAIN [flags...] [listens=N]" as in a server marker. */
  LabMain(String spec) throws IOException {
    List<String> words = new ArrayList<>(List.of(spec.trim().split("\\s+")));
    int listens = 1;
    if (words.get(words.size() - 1).startsWith("listens=")) {
      listens = Integer.parseInt(words.remove(words.size() - 1).substring(8));
    }
    String module = words.get(0);
    Repo.requirePackaged(module);
    String main = words.get(1);
    if (!main.contains(".")) {
      String pkg = module.replaceFirst("^(examples|lab)-", "");
      main = "lab." + pkg + "." + main;
    }
    String cp = module + "/target/classes:" + java.nio.file.Files.readString(
        Repo.ROOT.resolve(module).resolve("target/classpath.txt")).trim();
    List<String> command = new ArrayList<>(List.of("java",
        "-Djava.util.logging.SimpleFormatter.format=%1$tT %4$s %3$s: %5$s%6$s%n", "-cp", cp, main));
    command.addAll(words.subList(2, words.size()));
    this.name = words.get(1);
    this.listening = new CountDownLatch(listens);
    this.process = new ProcessBuilder(command).directory(Repo.ROOT.toFile())
        .redirectErrorStream(true).start();
    Thread reader = new Thread(this::pump, "output of " + name);
    reader.setDaemon(true);
    reader.start();
  }

  private void pump() {
    try (BufferedReader in = new BufferedReader(
        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line; (line = in.readLine()) != null; ) {
        output.append(line).append('\n');
        if (line.contains("Listening on 127.0.0.1:")) {
          listening.countDown();
        }
      }
    } catch (IOException e) {
      output.append("(output lost: ").append(e).append(")\n");
    }
  }

  /** Waits (bounded) for the server to say it listens; fails with its output otherwise. */
  void awaitListening(long seconds) throws InterruptedException {
    if (!listening.await(seconds, TimeUnit.SECONDS)) {
      throw new AssertionError(name + " did not say \"Listening on\" within " + seconds
          + " s (alive: " + process.isAlive() + "); its output:\n" + output);
    }
  }

  String output() {
    return output.toString();
  }

  /** SIGTERM (graceful shutdown, as Ctrl-C), bounded; then SIGKILL. */
  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(20, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
  }
}
