package lab.interop;

import java.nio.file.Path;
import lab.testing.Required;

/** Where examples-interop's peers live, and their runtimes (missing: CI fails, elsewhere skips). */
final class RequiredPeer {
  static final Path NODE_PEERS = Path.of("peers", "node").toAbsolutePath();
  static final Path PYTHON_PEERS = Path.of("peers", "python").toAbsolutePath();
  static final String NPM_INSTALL = "npm ci --prefix examples-interop/peers/node";

  private RequiredPeer() {}

  /** The node binary, once node and the pinned @grpc/grpc-js are installed. */
  static String node() {
    return Required.node(NODE_PEERS, NPM_INSTALL);
  }

  /** Debian's python3, once it can import grpc and google.protobuf. */
  static String python() throws Exception {
    return Required.python();
  }
}
