package lab.interop;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Java client against the server on Debian's python3-grpcio (peers/python/interop_server.py),
 * started by the test with /usr/bin/python3 on a free loopback port; a second one allows one
 * stream per connection for max_streams. Cases grpcio cannot serve are required to fail
 * ({@link Gaps#GRPCIO_SERVER}).
 */
class GrpcioServerInteropTest {
  private static PeerProcess server;
  private static PeerProcess oneStream;

  @BeforeAll
  static void startServers() throws Exception {
    String python = RequiredPeer.python();
    server = PeerProcess.start("grpcio-server", RequiredPeer.PYTHON_PEERS,
        python, "interop_server.py", "--port=0");
    oneStream = PeerProcess.start("grpcio-server-1-stream", RequiredPeer.PYTHON_PEERS,
        python, "interop_server.py", "--port=0", "--max_concurrent_streams=1");
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
  void javaClientRunsTheCaseAgainstTheGrpcioServer(String testCase) throws Exception {
    PeerProcess peer = testCase.equals("max_streams") ? oneStream : server;
    try (ServerUnderTest target = Interop.target(peer.port())) {
      Interop.check(target, testCase, Gaps.GRPCIO_SERVER);
    }
  }
}
