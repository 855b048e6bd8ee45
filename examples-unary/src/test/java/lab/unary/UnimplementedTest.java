package lab.unary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.time.Duration;
import lab.proto.routeguide.Rectangle;
import lab.proto.routeguide.RouteGuideGrpc;
import lab.proto.video.ListVideosRequest;
import lab.proto.video.VideoServiceGrpc;
import lab.routeguide.FeatureDatabase;
import lab.testing.GrpcCleanupExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class UnimplementedTest {
  @RegisterExtension
  final GrpcCleanupExtension grpc = new GrpcCleanupExtension();

  private ManagedChannel channel;

  @BeforeEach
  void startServer() {
    channel = grpc.inProcessChannel(new RouteGuideUnaryService(
        new SlowFeatureLookup(FeatureDatabase.bundled(), Duration.ZERO)));
  }

  @Test
  void aMethodTheServiceDoesNotOverrideAnswersUnimplementedStatus12() {
    var e = assertThrows(StatusRuntimeException.class, () ->
        RouteGuideGrpc.newBlockingStub(channel).listFeatures(Rectangle.getDefaultInstance())
            .hasNext());

    assertEquals(Status.Code.UNIMPLEMENTED, e.getStatus().getCode());
    assertEquals(12, e.getStatus().getCode().value());
    assertEquals("Method routeguide.RouteGuide/ListFeatures is unimplemented",
        e.getStatus().getDescription());
  }

  @Test
  void aServiceTheServerDoesNotHostAlsoAnswersUnimplemented() {
    var e = assertThrows(StatusRuntimeException.class, () ->
        VideoServiceGrpc.newBlockingStub(channel).listVideos(ListVideosRequest.getDefaultInstance())
            .hasNext());

    assertEquals(Status.Code.UNIMPLEMENTED, e.getStatus().getCode());
    assertEquals("Method not found: video_service.VideoService/ListVideos",
        e.getStatus().getDescription());
  }
}
