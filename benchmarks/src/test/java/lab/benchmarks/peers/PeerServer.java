package lab.benchmarks.peers;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;

/**
 * A non-Java peer of benchmarks/peers started as a process on a free port (it prints
 * "listening on 127.0.0.1:PORT"), stopped with SIGTERM when the test is done. A peer whose
 * runtime is missing fails the test in CI (env CI set; .ci/run installs it) and skips it
 * elsewhere, with the command that installs it.
 */
final class PeerServer implements AutoCloseable {
  static final Path PEERS = Path.of("peers").toAbsolutePath(); // tests run in benchmarks/
  static final String PYTHON = "/usr/bin/python3"; // Debian's, where apt puts python3-grpcio
  private static final Pattern LISTENING = Pattern.compile("listening on 127\\.0\\.0\\.1:(\\d+)");

  private final Process process;
  private final StringBuffer output = new StringBuffer();
  private final CompletableFuture<Integer> port = new CompletableFuture<>();

  private PeerServer(String... command) throws IOException {
    process = new ProcessBuilder(command).directory(PEERS.toFile()).redirectErrorStream(true)
        .start();
    Thread reader = new Thread(this::readOutput, "peer-output");
    reader.setDaemon(true);
    reader.start();
  }

  static PeerServer python() throws Exception {
    Process check = new ProcessBuilder(PYTHON, "-c", "import grpc, google.protobuf")
        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    boolean ok = check.waitFor(60, TimeUnit.SECONDS) && check.exitValue() == 0;
    check.destroyForcibly();
    if (!ok) {
      missing(PYTHON + " cannot import grpc: run `apt-get install -y python3-grpcio"
          + " python3-protobuf` (as root)");
    }
    return started(new PeerServer(PYTHON, "python/video_server.py", "--port=0"));
  }

  static PeerServer node() throws Exception {
    String node = onPath("node");
    if (node == null || !Files.isDirectory(PEERS.resolve("node/node_modules/@grpc/grpc-js"))) {
      missing("node or @grpc/grpc-js missing: install node (apt-get install -y nodejs npm),"
          + " then run `npm ci --prefix benchmarks/peers/node` from the repository root");
    }
    return started(new PeerServer(node, "node/server.js", "--port=0"));
  }

  int port() {
    return port.join();
  }

  private static PeerServer started(PeerServer peer) throws Exception {
    try {
      peer.port.get(60, TimeUnit.SECONDS);
      return peer;
    } catch (TimeoutException e) {
      peer.close();
      throw new AssertionError("the peer did not print its port in 60 s:\n" + peer.output);
    }
  }

  private void readOutput() {
    try (var lines = new BufferedReader(
        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line; (line = lines.readLine()) != null; ) {
        output.append(line).append('\n');
        Matcher m = LISTENING.matcher(line);
        if (m.find()) {
          port.complete(Integer.parseInt(m.group(1)));
        }
      }
    } catch (IOException e) {
      // The process went away: the future below says so.
    }
    port.completeExceptionally(new IllegalStateException("the peer exited:\n" + output));
  }

  private static String onPath(String binary) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      if (Files.isExecutable(Path.of(dir, binary))) {
        return Path.of(dir, binary).toString();
      }
    }
    return null;
  }

  private static void missing(String hint) {
    if (System.getenv("CI") != null) {
      throw new AssertionError(hint + " (CI must run this test; .ci/run installs it)");
    }
    System.err.println("SKIPPED: " + hint);
    Assumptions.abort(hint);
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy(); // SIGTERM: the peers stop gracefully on it
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      process.waitFor(10, TimeUnit.SECONDS);
    }
  }
}
