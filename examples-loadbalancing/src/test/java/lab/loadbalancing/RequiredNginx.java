package lab.loadbalancing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import lab.testing.Required;

/**
 * The nginx binary (and, for L4, its stream module) or no test: a missing one fails the test
 * in CI and skips it elsewhere ({@link Required#missing}), with the command that installs it.
 */
final class RequiredNginx {
  private RequiredNginx() {}

  static Path binary(boolean withStreamModule) {
    Optional<Path> binary = NginxProxy.findBinary();
    String missing = binary.isEmpty() ? "nginx not found"
        : withStreamModule && !Files.exists(NginxProxy.STREAM_MODULE)
            ? "nginx stream module not found at " + NginxProxy.STREAM_MODULE : null;
    if (missing != null) {
      Required.missing(missing + ": install it with `" + NginxProxy.INSTALL + "` (as root)");
    }
    return binary.get();
  }
}
