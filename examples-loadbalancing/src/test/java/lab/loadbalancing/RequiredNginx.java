package lab.loadbalancing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;

/**
 * The nginx binary (and, for L4, its stream module) or no test: in CI a missing nginx fails
 * the test with the command that installs it (.ci/run runs it); elsewhere the test is skipped
 * with the same hint, printed to the console too so it is not missed.
 */
final class RequiredNginx {
  private RequiredNginx() {}

  static Path binary(boolean withStreamModule) {
    Optional<Path> binary = NginxProxy.findBinary();
    String missing = binary.isEmpty() ? "nginx not found"
        : withStreamModule && !Files.exists(NginxProxy.STREAM_MODULE)
            ? "nginx stream module not found at " + NginxProxy.STREAM_MODULE : null;
    if (missing != null) {
      String hint = missing + ": install it with `" + NginxProxy.INSTALL + "` (as root)";
      if (System.getenv("CI") != null) {
        throw new AssertionError(hint + " (CI must run this test; .ci/run installs it)");
      }
      System.err.println("SKIPPED: " + hint);
      Assumptions.abort(hint);
    }
    return binary.get();
  }

  /** A loopback port nothing listens on right now, for nginx to take. */
  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
