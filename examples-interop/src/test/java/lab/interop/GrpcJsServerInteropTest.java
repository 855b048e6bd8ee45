package lab.interop;

import java.nio.file.Path;
import java.util.Map;

/** The Java client against the @grpc/grpc-js server (peers/node/server.js), run by node. */
class GrpcJsServerInteropTest extends PeerServerInteropTest {
  @Override String name() {
    return "grpc-js-server";
  }

  @Override Path folder() {
    return RequiredPeer.NODE_PEERS;
  }

  @Override String[] command() throws Exception {
    return new String[] {RequiredPeer.node(), "server.js"};
  }

  @Override Map<String, Gaps.Gap> gaps() {
    return Gaps.GRPC_JS_SERVER;
  }
}
