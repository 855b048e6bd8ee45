package lab.interop;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * The non-Java peers or no test: in CI (env CI set) a missing peer fails the test with the
 * command that installs it (.ci/run runs them); elsewhere the test is skipped with the same
 * hint, printed to the console too so it is not missed.
 */
final class RequiredPeer {
  static final Path NODE_PEERS = Path.of("peers", "node").toAbsolutePath();
  static final Path PYTHON_PEERS = Path.of("peers", "python").toAbsolutePath();
  static final String PYTHON = "/usr/bin/python3"; // Debian's, where apt puts python3-grpcio
  static final String NPM_INSTALL = "npm ci --prefix lab-interop/peers/node";
  static final String APT_INSTALL = "apt-get install -y python3-grpcio python3-protobuf";

  private RequiredPeer() {}

  /** The node binary, once node and the pinned @grpc/grpc-js are installed. */
  static String node() {
    String node = onPath("node");
    if (node == null) {
      missing("node not found: install it with `apt-get install -y nodejs npm` (as root), then `"
          + NPM_INSTALL + "`");
    }
    if (!Files.isDirectory(NODE_PEERS.resolve("node_modules/@grpc/grpc-js"))) {
      missing("@grpc/grpc-js is not installed in " + NODE_PEERS + ": run `" + NPM_INSTALL
          + "` from the repository root");
    }
    return node;
  }

  /** Debian's python3, once it can import grpc and google.protobuf. */
  static String python() throws Exception {
    boolean ok = Files.isExecutable(Path.of(PYTHON));
    if (ok) {
      Process check = new ProcessBuilder(PYTHON, "-c", "import grpc, google.protobuf")
          .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
      ok = check.waitFor(60, TimeUnit.SECONDS) && check.exitValue() == 0;
      check.destroyForcibly();
    }
    if (!ok) {
      missing(PYTHON + " cannot import grpc: install Debian's grpcio with `" + APT_INSTALL
          + "` (as root)");
    }
    return PYTHON;
  }

  private static String onPath(String binary) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      Path candidate = Path.of(dir, binary);
      if (Files.isExecutable(candidate)) {
        return candidate.toString();
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
}
