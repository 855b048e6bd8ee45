package lab.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A lesson's main run as a user runs it: its own JVM (so System.exit, signals and the exit code
 * are real), on the test's classpath. Output is collected as it comes, so a test can wait for a
 * line (bounded) and then act: send stdin, Ctrl-C, or wait for the exit.
 */
public final class MainProcess implements AutoCloseable {
  private final Process process;
  private final StringBuffer out = new StringBuffer();
  private final StringBuffer err = new StringBuffer();
  private final List<Thread> pumps = new ArrayList<>();

  private MainProcess(Process process) {
    this.process = process;
    pump(process.getInputStream(), out);
    pump(process.getErrorStream(), err);
  }

  /**
   * A process started in the background by a non-interactive shell (a CI runner, nohup) has
   * SIGINT ignored, and every child inherits that: the main's Ctrl-C handling could never run.
   * GNU env (coreutils 8.31+) puts SIGINT back to its default before it execs java.
   */
  private static final List<String> DEFAULT_SIGINT = envResetsSigint()
      ? List.of("env", "--default-signal=INT") : List.of();

  private static boolean envResetsSigint() {
    try {
      Process probe = new ProcessBuilder("env", "--default-signal=INT", "true").start();
      return probe.waitFor(10, TimeUnit.SECONDS) && probe.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  public static MainProcess start(Class<?> main, String... args) throws IOException {
    return start(List.of(), List.of(), main, args);
  }

  /**
   * {@code main} started by {@code launcher} (for example {@code ip netns exec NAME}, which
   * runs it inside a network namespace) with {@code jvmOptions} ({@code -Dname=value}, ...).
   */
  public static MainProcess start(List<String> launcher, List<String> jvmOptions,
      Class<?> main, String... args) throws IOException {
    String classpath = System.getProperty("surefire.test.class.path",
        System.getProperty("java.class.path"));
    List<String> command = new ArrayList<>(DEFAULT_SIGINT);
    command.addAll(launcher);
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmOptions);
    command.addAll(List.of("-cp", classpath, main.getName()));
    command.addAll(List.of(args));
    return new MainProcess(new ProcessBuilder(command).start());
  }

  /** Waits for the exit (bounded) and returns the exit code. */
  public int exitCode(Duration within) throws InterruptedException {
    if (!process.waitFor(within.toMillis(), TimeUnit.MILLISECONDS)) {
      throw new AssertionError("still running after " + within + "\nstdout: " + out
          + "\nstderr: " + err);
    }
    for (Thread pump : pumps) {
      pump.join(5_000); // the last lines may still be on their way
    }
    return process.exitValue();
  }

  /** Waits (bounded) until the output matches {@code regex}; returns group 1, else the match. */
  public String await(String regex, Duration within) throws InterruptedException {
    Pattern pattern = Pattern.compile(regex);
    long deadline = System.nanoTime() + within.toNanos();
    while (System.nanoTime() < deadline) {
      Matcher m = pattern.matcher(out + "\n" + err);
      if (m.find()) {
        return m.groupCount() > 0 ? m.group(1) : m.group();
      }
      synchronized (this) {
        wait(20); // woken by the pumps on each line
      }
    }
    throw new AssertionError("no /" + regex + "/ in " + within + "\nstdout: " + out
        + "\nstderr: " + err);
  }

  /** Waits (bounded) until {@code test} holds for the standard output so far. */
  public void awaitOutput(Predicate<String> test, String what, Duration within)
      throws InterruptedException {
    long deadline = System.nanoTime() + within.toNanos();
    while (!test.test(out.toString())) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("not " + what + " in " + within + "\nstdout: " + out
            + "\nstderr: " + err);
      }
      synchronized (this) {
        wait(20); // woken by the pumps on each line
      }
    }
  }

  public OutputStream stdin() {
    return process.getOutputStream();
  }

  /** Ctrl-C: SIGINT, as a terminal sends it. */
  public void interrupt() throws IOException, InterruptedException {
    new ProcessBuilder("kill", "-INT", Long.toString(process.pid())).start().waitFor(5,
        TimeUnit.SECONDS);
  }

  public String out() {
    return out.toString();
  }

  public String err() {
    return err.toString();
  }

  @Override
  public void close() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(10, TimeUnit.SECONDS);
  }

  private void pump(InputStream stream, StringBuffer into) {
    Thread pump = new Thread(() -> {
      try (var reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
        for (String line; (line = reader.readLine()) != null; ) {
          into.append(line).append('\n');
          synchronized (this) {
            notifyAll();
          }
        }
      } catch (IOException e) {
        // the process is gone: what was read is all there is
      }
    }, "main-process-output");
    pumps.add(pump);
    pump.setDaemon(true);
    pump.start();
  }
}
