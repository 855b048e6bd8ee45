package lab.loadbalancing;

import static lab.loadbalancing.TestBackends.assertAbout;
import static lab.testing.Ports.freePort;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import java.util.List;
import java.util.logging.Logger;
import lab.testing.GrpcCleanupExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The same two clients and three backends, with nginx in front: as an L7 proxy (grpc_pass,
 * balancing each call) and as an L4 proxy (stream, balancing each TCP connection). The
 * clients use the channel's default policy, pick_first, on the proxy's one address: all the
 * balancing is nginx's.
 */
class NginxProxyTest {
  private static final Logger log = Logger.getLogger(NginxProxyTest.class.getName());

  @RegisterExtension
  final GrpcCleanupExtension grpc = new GrpcCleanupExtension();

  private List<Backend> backends;

  @BeforeEach
  void startThreeBackends() throws Exception {
    backends = TestBackends.start(grpc, 3);
  }

  @Test
  void anL7ProxySpreadsTheCallsOfEachConnectionOverAllThreeBackends() throws Exception {
    try (NginxProxy nginx = NginxProxy.start(RequiredNginx.binary(false), NginxProxy.Mode.L7,
        freePort(), TestBackends.addresses(backends))) {
      Callers.Tally tally = twoClientsThrough(nginx, 150);

      log.info("nginx L7 (grpc_pass), 2 connections x 150 calls:\n"
          + tally.total().histogram(TestBackends.names(backends))
          + "per connection: " + tally.perClient());
      assertEquals(0, tally.failures());
      for (Spread client : tally.perClient()) {
        assertEquals(3, client.backendsUsed(), "one connection, every backend: " + client);
      }
      for (Backend backend : backends) {
        assertAbout(tally.total(), backend.name(), 100, 10);
      }
    }
  }

  @Test
  void anL4ProxyPinsEachConnectionToOneBackendSoTwoClientsUseAtMostTwoOfThree()
      throws Exception {
    try (NginxProxy nginx = NginxProxy.start(RequiredNginx.binary(true), NginxProxy.Mode.L4,
        freePort(), TestBackends.addresses(backends))) {
      Callers.Tally tally = twoClientsThrough(nginx, 150);

      log.info("nginx L4 (stream), 2 connections x 150 calls:\n"
          + tally.total().histogram(TestBackends.names(backends))
          + "per connection: " + tally.perClient());
      assertEquals(0, tally.failures());
      // Two connections, one backend each: at least one of the three backends gets nothing.
      for (Spread client : tally.perClient()) {
        assertEquals(1, client.backendsUsed(), "one connection, one backend: " + client);
        assertEquals(150, client.total());
      }
    }
  }

  private Callers.Tally twoClientsThrough(NginxProxy nginx, int rounds) throws Exception {
    List<ManagedChannel> clients = List.of(
        grpc.register(ManagedChannelBuilder.forTarget(nginx.target()).usePlaintext().build()),
        grpc.register(ManagedChannelBuilder.forTarget(nginx.target()).usePlaintext().build()));
    return new Callers(clients).run(rounds, 0);
  }
}
