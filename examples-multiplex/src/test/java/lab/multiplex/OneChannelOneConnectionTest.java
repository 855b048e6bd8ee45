package lab.multiplex;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.grpc.Attributes;
import io.grpc.Grpc;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerTransportFilter;
import java.net.SocketAddress;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
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

/** Over real TCP on loopback: the lesson is about connections. */
class OneChannelOneConnectionTest {
  @RegisterExtension
  final GrpcCleanupExtension grpc = new GrpcCleanupExtension();

  private final AtomicInteger connections = new AtomicInteger();
  private final Set<SocketAddress> callerAddresses = ConcurrentHashMap.newKeySet();
  private LabServer server;

  @BeforeEach
  void startServerThatCountsConnections() throws Exception {
    server = MultiplexServer.start(0, netty -> netty
        .addTransportFilter(new ServerTransportFilter() {
          @Override
          public Attributes transportReady(Attributes attributes) {
            connections.incrementAndGet();
            return attributes;
          }
        })
        .intercept(new ServerInterceptor() {
          @Override
          public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call,
              Metadata headers, ServerCallHandler<Q, R> next) {
            callerAddresses.add(call.getAttributes().get(Grpc.TRANSPORT_ATTR_REMOTE_ADDR));
            return next.startCall(call, headers);
          }
        }));
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

    assertEquals(1, connections.get(), "one TCP connection for six calls to three services");
    assertEquals(1, callerAddresses.size(), "every call came from the same client port");
  }

  @Test
  void threeChannelsOpenThreeConnectionsEvenToTheSameServer() {
    callAllThreeServices(newChannel(), newChannel(), newChannel());

    assertEquals(3, connections.get());
    assertEquals(3, callerAddresses.size());
  }
}
