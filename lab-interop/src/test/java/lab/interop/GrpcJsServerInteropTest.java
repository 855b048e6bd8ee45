package lab.interop;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Java client against the @grpc/grpc-js server (peers/node/server.js), started by the test
 * with node on a free loopback port; a second one allows one stream per connection for
 * max_streams. Cases grpc-js cannot serve are required to fail ({@link Gaps#GRPC_JS_SERVER}).
 */
class GrpcJsServerInteropTest {
  private static PeerProcess server;
  private static PeerProcess oneStream;

  @BeforeAll
  static void startServers() throws Exception {
    String node = RequiredPeer.node();
    server = PeerProcess.start("grpc-js-server", RequiredPeer.NODE_PEERS,
        node, "server.js", "--port=0");
    oneStream = PeerProcess.start("grpc-js-server-1-stream", RequiredPeer.NODE_PEERS,
        node, "server.js", "--port=0", "--max_concurrent_streams=1");
  }

  @AfterAll
  static void stopServers() throws InterruptedException {
    for (PeerProcess peer : new PeerProcess[] {server, oneStream}) {
      if (peer != null) {
        peer.close();
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("lab.interop.Interop#cases")
  void javaClientRunsTheCaseAgainstTheGrpcJsServer(String testCase) throws Exception {
    PeerProcess peer = testCase.equals("max_streams") ? oneStream : server;
    try (ServerUnderTest target = Interop.target(peer.port())) {
      Interop.check(target, testCase, Gaps.GRPC_JS_SERVER);
    }
  }
}
