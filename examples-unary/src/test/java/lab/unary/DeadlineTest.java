package lab.unary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import lab.proto.routeguide.Rectangle;
import lab.proto.routeguide.RouteGuideGrpc;
import lab.routeguide.FeatureDatabase;
import lab.routeguide.Geo;
import lab.testing.GrpcCleanupExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class DeadlineTest {
  @RegisterExtension
  final GrpcCleanupExtension grpc = new GrpcCleanupExtension();

  @Test
  void aDeadlineShorterThanTheWorkFailsWithDeadlineExceededAndTheServerStopsWorking()
      throws Exception {
    CompletableFuture<Integer> abandonedAtStep = new CompletableFuture<>();
    // The lookup would take 10 s, in steps of 500 ms; the client waits 500 ms.
    var lookup = new SlowFeatureLookup(FeatureDatabase.bundled(), Duration.ofSeconds(10),
        abandonedAtStep::complete);
    var channel = grpc.inProcessChannel(new RouteGuideUnaryService(lookup));
    var stub = RouteGuideGrpc.newBlockingStub(channel);
    // A first call loads the transport's classes: on a cold, loaded JVM a short deadline could
    // otherwise pass before the call reached the handler, and there would be no work to stop.
    assertEquals(Status.Code.UNIMPLEMENTED, assertThrows(StatusRuntimeException.class,
        () -> stub.listFeatures(Rectangle.getDefaultInstance()).hasNext()).getStatus().getCode());

    var e = assertThrows(StatusRuntimeException.class, () -> stub
        .withDeadlineAfter(500, TimeUnit.MILLISECONDS).getFeature(Geo.point(51.5055, -0.0754)));

    assertEquals(Status.Code.DEADLINE_EXCEEDED, e.getStatus().getCode());
    // Noticed at the check after the step the deadline fell in: about 1 s from the start.
    int steps = abandonedAtStep.get(15, TimeUnit.SECONDS);
    assertTrue(steps < SlowFeatureLookup.steps(),
        "the server stopped after " + steps + " of " + SlowFeatureLookup.steps() + " steps");
  }

  @Test
  void aDeadlineLongerThanTheWorkLetsTheCallSucceed() {
    var lookup = new SlowFeatureLookup(FeatureDatabase.bundled(), Duration.ofMillis(20),
        steps -> { throw new AssertionError("abandoned after " + steps + " steps"); });
    var stub = RouteGuideGrpc.newBlockingStub(
        grpc.inProcessChannel(new RouteGuideUnaryService(lookup)));

    var feature = stub.withDeadlineAfter(10, TimeUnit.SECONDS)
        .getFeature(Geo.point(51.5055, -0.0754));

    assertEquals("Tower Bridge, London", feature.getName());
  }
}
