package lab.testing;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/**
 * Finds `buf` (the real non-Java gRPC client the lab's tests drive) for a test: from PATH,
 * else from the repository's .ci/tools. In CI a missing buf fails the test; elsewhere the test
 * is skipped and the install command is printed on the console and in the report.
 */
public final class Buf {
  private Buf() {}

  public static Path find() {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      Path candidate = Path.of(dir, "buf");
      if (Files.isExecutable(candidate)) {
        return candidate;
      }
    }
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve(".ci/tools/node_modules/.bin/buf");
      if (Files.isExecutable(candidate)) {
        return candidate;
      }
    }
    String hint = "buf not found: run `npm ci --prefix .ci/tools` from the repository root";
    if (System.getenv("CI") != null) {
      throw new AssertionError(hint + " (CI must run this test)");
    }
    System.err.println("SKIPPED: " + hint); // the console too, not only surefire's reports
    Assumptions.abort(hint);
    return null;
  }
}
