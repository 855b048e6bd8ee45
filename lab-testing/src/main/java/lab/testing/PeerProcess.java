package lab.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A server of another language that a test starts itself: on port 0 (the peer picks a free
 * loopback port and prints "listening on 127.0.0.1:PORT"), its output kept for the failure
 * message, stopped with SIGTERM (then killed) when the test is done. Find its runtime with
 * {@link Required} first.
 */
public final class PeerProcess implements AutoCloseable {
  private static final Pattern LISTENING = Pattern.compile("listening on 127\\.0\\.0\\.1:(\\d+)");

  private final String name;
  private final Process process;
  private final StringBuffer output = new StringBuffer();
  private final CompletableFuture<Integer> port = new CompletableFuture<>();

  private PeerProcess(String name, List<String> command, Path workDir) throws IOException {
    this.name = name;
    this.process = new ProcessBuilder(command).directory(workDir.toFile())
        .redirectErrorStream(true).start();
    Thread reader = new Thread(this::readOutput, name + "-output");
    reader.setDaemon(true);
    reader.start();
  }

  /** Starts {@code command} in {@code workDir} and waits (bounded) until it listens. */
  public static PeerProcess start(String name, Path workDir, String... command) throws Exception {
    PeerProcess peer = new PeerProcess(name, List.of(command), workDir);
    try {
      peer.port.get(60, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      peer.close();
      throw new AssertionError(
          name + " did not print its port within 60 s; output:\n" + peer.output);
    }
    return peer;
  }

  public int port() {
    return port.join();
  }

  public String output() {
    return output.toString();
  }

  private void readOutput() {
    try (BufferedReader lines = new BufferedReader(
        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line; (line = lines.readLine()) != null; ) {
        output.append(line).append('\n');
        Matcher m = LISTENING.matcher(line);
        if (m.find()) {
          port.complete(Integer.parseInt(m.group(1)));
        }
      }
    } catch (IOException e) {
      // The process went away; the exit below reports it.
    }
    port.completeExceptionally(new IllegalStateException(
        name + " exited before listening; output:\n" + output));
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy(); // SIGTERM: the peers shut down gracefully on it
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      process.waitFor(10, TimeUnit.SECONDS);
    }
  }
}
