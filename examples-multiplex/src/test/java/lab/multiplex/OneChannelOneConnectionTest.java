package lab.multiplex;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import lab.common.LabServer;
import lab.proto.multiplex.ClockGrpc;
import lab.proto.multiplex.NowRequest;
import lab.proto.routeguide.RouteGuideGrpc;
import lab.proto.video.ListVideosRequest;
import lab.proto.video.VideoServiceGrpc;
import lab.routeguide.Geo;
import lab.testing.GrpcCleanupExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Over real TCP on loopback: the lesson is about connections, which in-process has none of. */
class OneChannelOneConnectionTest {
  @RegisterExtension
  final GrpcCleanupExtension grpc = new GrpcCleanupExtension();

  private final ConnectionCounter counter = new ConnectionCounter();
  private LabServer server;

  @BeforeEach
  void startTheMultiplexServerCountingConnections() throws Exception {
    server = MultiplexServer.start(0, counter::installOn);
    grpc.register(server.server());
  }

  private ManagedChannel newChannel() {
    return grpc.register(
        ManagedChannelBuilder.forAddress("127.0.0.1", server.port()).usePlaintext().build());
  }

  private static void callAllThreeServices(ManagedChannel routes, ManagedChannel videos,
      ManagedChannel clock) {
    RouteGuideGrpc.newBlockingStub(routes).getFeature(Geo.point(51.5055, -0.0754));
    VideoServiceGrpc.newBlockingStub(videos).listVideos(ListVideosRequest.getDefaultInstance())
        .forEachRemaining(v -> { });
    ClockGrpc.newBlockingStub(clock).now(NowRequest.getDefaultInstance());
  }

  @Test
  void threeStubsOnOneChannelMakeAllTheirCallsOverASingleConnection() {
    ManagedChannel shared = newChannel();

    callAllThreeServices(shared, shared, shared);
    callAllThreeServices(shared, shared, shared);

    assertEquals(1, counter.connections(), "one TCP connection for six calls to three services");
    assertEquals(1, counter.callerAddresses(), "every call came from the same client port");
  }

  @Test
  void threeChannelsOpenThreeConnectionsEvenToTheSameServer() {
    callAllThreeServices(newChannel(), newChannel(), newChannel());

    assertEquals(3, counter.connections());
    assertEquals(3, counter.callerAddresses());
  }
}
