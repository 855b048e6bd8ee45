package lab.testing;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * The non-Java programs a test drives (node and its packages, Debian's python3 with grpcio),
 * or no test: in CI (env CI set) a missing one fails the test with the command that installs
 * it (.ci/run runs those commands); elsewhere the test is skipped with the same hint, printed
 * on the console too so it is not missed in a long build.
 */
public final class Required {
  /** Debian's python3: where apt puts python3-grpcio (a pyenv python on PATH has no grpc). */
  public static final String PYTHON = "/usr/bin/python3";
  static final String APT_INSTALL = "apt-get install -y python3-grpcio python3-protobuf";

  private Required() {}

  /**
   * The node binary, once node is on PATH and {@code packages} (a folder with a
   * package-lock.json) has its pinned @grpc/grpc-js installed; {@code install} is the npm
   * command a user runs from the repository root.
   */
  public static String node(Path packages, String install) {
    Path node = onPath("node");
    if (node == null) {
      missing("node not found: install it with `apt-get install -y nodejs npm` (as root), then `"
          + install + "`");
    }
    if (!Files.isDirectory(packages.resolve("node_modules/@grpc/grpc-js"))) {
      missing("@grpc/grpc-js is not installed in " + packages + ": run `" + install
          + "` from the repository root");
    }
    return node.toString();
  }

  /** Debian's python3, once it can import grpc and google.protobuf. */
  public static String python() throws Exception {
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

  /** {@code binary} on PATH, or null. */
  public static Path onPath(String binary) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      Path candidate = Path.of(dir, binary);
      if (Files.isExecutable(candidate)) {
        return candidate;
      }
    }
    return null;
  }

  /** Fails the test in CI, skips it elsewhere; either way {@code hint} says how to install. */
  public static void missing(String hint) {
    if (System.getenv("CI") != null) {
      throw new AssertionError(hint + " (CI must run this test; .ci/run installs it)");
    }
    System.err.println("SKIPPED: " + hint); // the console too, not only surefire's reports
    Assumptions.abort(hint);
  }
}
