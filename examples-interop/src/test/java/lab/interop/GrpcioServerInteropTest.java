package lab.interop;

import java.nio.file.Path;
import java.util.Map;

/**
 * The Java client against the server on Debian's python3-grpcio
 * (peers/python/interop_server.py), run by /usr/bin/python3.
 */
class GrpcioServerInteropTest extends PeerServerInteropTest {
  @Override String name() {
    return "grpcio-server";
  }

  @Override Path folder() {
    return RequiredPeer.PYTHON_PEERS;
  }

  @Override String[] command() throws Exception {
    return new String[] {RequiredPeer.python(), "interop_server.py"};
  }

  @Override Map<String, Gaps.Gap> gaps() {
    return Gaps.GRPCIO_SERVER;
  }
}
