package lab.testing;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds `buf` (the real non-Java gRPC client the lab's tests drive) for a test: from PATH,
 * else from the repository's .ci/tools. In CI a missing buf fails the test; elsewhere the test
 * is skipped and the install command is printed on the console and in the report.
 */
public final class Buf {
  private Buf() {}

  public static Path find() {
    Path onPath = Required.onPath("buf");
    if (onPath != null) {
      return onPath;
    }
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve(".ci/tools/node_modules/.bin/buf");
      if (Files.isExecutable(candidate)) {
        return candidate;
      }
    }
    Required.missing("buf not found: run `npm ci --prefix .ci/tools` from the repository root");
    return null;
  }
}
