package lab.multiplex;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.grpc.ManagedChannelBuilder;
import java.util.List;
import lab.common.LabServer;
import lab.testing.GrpcCleanupExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ReflectionTest {
  @RegisterExtension
  final GrpcCleanupExtension grpc = new GrpcCleanupExtension();

  @Test
  void reflectionListsEveryServiceTheServerHostsLikeGrpcurlList() throws Exception {
    LabServer server = MultiplexServer.start(0, netty -> { });
    grpc.register(server.server());
    var channel = grpc.register(
        ManagedChannelBuilder.forAddress("127.0.0.1", server.port()).usePlaintext().build());

    assertEquals(List.of(
        "clock.Clock",
        "grpc.health.v1.Health",
        "grpc.reflection.v1.ServerReflection",
        "routeguide.RouteGuide",
        "video_service.VideoService"), ServiceLister.listServices(channel));
  }
}
