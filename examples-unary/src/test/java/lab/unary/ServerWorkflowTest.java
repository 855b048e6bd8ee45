package lab.unary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import lab.proto.routeguide.Point;
import lab.proto.routeguide.RouteGuideGrpc;
import lab.routeguide.FeatureDatabase;
import lab.routeguide.Geo;
import lab.testing.GrpcCleanupExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ServerWorkflowTest {
  @RegisterExtension
  final GrpcCleanupExtension grpc = new GrpcCleanupExtension();

  private final List<String> steps = WorkflowRecorder.newStepList();

  private ManagedChannel channel() {
    var service = new RouteGuideUnaryService(
        new SlowFeatureLookup(FeatureDatabase.bundled(), Duration.ZERO));
    return grpc.startInProcess(b -> b.addService(service).intercept(WorkflowRecorder.into(steps)))
        .channel();
  }

  @Test
  void aSuccessfulCallPassesHeadersInterceptorParsingHandlerAndResponseInThatOrder() {
    RouteGuideGrpc.newBlockingStub(channel()).withDeadlineAfter(5, TimeUnit.SECONDS)
        .getFeature(Geo.point(51.5055, -0.0754));

    assertEquals(List.of(
        "1 received routeguide.RouteGuide/GetFeature (headers; context deadline set: true)",
        "2 interceptor calls next.startCall",
        "3 request message parsed",
        "4 handler invoked",
        "5 response message sent",
        "6 closed with status OK"), steps);
  }

  @Test
  void aFailedCallEndsInAnErrorStatusWithoutAResponseMessage() {
    var stub = RouteGuideGrpc.newBlockingStub(channel());

    assertThrows(StatusRuntimeException.class,
        () -> stub.getFeature(Point.newBuilder().setLatitude(950_000_000).build()));

    assertEquals(List.of(
        "1 received routeguide.RouteGuide/GetFeature (headers; context deadline set: false)",
        "2 interceptor calls next.startCall",
        "3 request message parsed",
        "4 handler invoked",
        "6 closed with status INVALID_ARGUMENT"), steps);
  }
}
