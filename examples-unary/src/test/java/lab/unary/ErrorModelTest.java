package lab.unary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.rpc.BadRequest;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import java.time.Duration;
import java.util.List;
import lab.proto.routeguide.Point;
import lab.proto.routeguide.RouteGuideGrpc;
import lab.proto.routeguide.RouteGuideGrpc.RouteGuideBlockingStub;
import lab.routeguide.FeatureDatabase;
import lab.routeguide.Geo;
import lab.testing.GrpcCleanupExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ErrorModelTest {
  @RegisterExtension
  final GrpcCleanupExtension grpc = new GrpcCleanupExtension();

  private RouteGuideBlockingStub stub;

  @BeforeEach
  void startServer() {
    stub = RouteGuideGrpc.newBlockingStub(grpc.inProcessChannel(new RouteGuideUnaryService(
        new SlowFeatureLookup(FeatureDatabase.bundled(), Duration.ZERO))));
  }

  @Test
  void latitudeBeyondNinetyDegreesIsInvalidArgumentWithAFieldViolationTheClientCanRead()
      throws Exception {
    var e = assertThrows(StatusRuntimeException.class,
        () -> stub.getFeature(Point.newBuilder().setLatitude(910_000_000).build()));

    assertEquals(Status.Code.INVALID_ARGUMENT, e.getStatus().getCode());
    com.google.rpc.Status details = StatusProto.fromThrowable(e);
    assertEquals(1, details.getDetailsCount());
    var violation = details.getDetails(0).unpack(BadRequest.class).getFieldViolations(0);
    assertEquals("latitude", violation.getField());
    assertEquals("must be within [-90, 90] degrees, was 91.0", violation.getDescription());
  }

  @Test
  void everyInvalidCoordinateIsReportedAsItsOwnFieldViolation() throws Exception {
    var e = assertThrows(StatusRuntimeException.class, () -> stub.getFeature(
        Point.newBuilder().setLatitude(-910_000_000).setLongitude(1_810_000_000).build()));

    var violations = StatusProto.fromThrowable(e).getDetails(0).unpack(BadRequest.class)
        .getFieldViolationsList();
    assertEquals(2, violations.size());
    assertEquals("latitude", violations.get(0).getField());
    assertEquals("longitude", violations.get(1).getField());
  }

  @Test
  void aPointWithNoFeatureIsNotFoundNamingThePoint() {
    var e = assertThrows(StatusRuntimeException.class, () -> stub.getFeature(Geo.point(10, 20)));

    assertEquals(Status.Code.NOT_FOUND, e.getStatus().getCode());
    assertEquals("no feature at 10.0, 20.0", e.getStatus().getDescription());
  }

  @Test
  void theServerKeepsServingAfterRejectingBadInput() {
    assertThrows(StatusRuntimeException.class,
        () -> stub.getFeature(Point.newBuilder().setLatitude(Integer.MAX_VALUE).build()));

    assertEquals("Tower Bridge, London",
        stub.getFeature(Geo.point(51.5055, -0.0754)).getName());
  }

  @Test
  void coordinatesExactlyAtTheirLimitsAreValid() {
    // ±90° and ±180° are inside the range ("beyond ±90°" is what is refused).
    for (Point corner : List.of(Geo.point(90, 180), Geo.point(-90, -180))) {
      var e = assertThrows(StatusRuntimeException.class, () -> stub.getFeature(corner));

      assertEquals(Status.Code.NOT_FOUND, e.getStatus().getCode(), "valid, just empty");
      assertTrue(StatusProto.fromThrowable(e) == null
          || StatusProto.fromThrowable(e).getDetailsCount() == 0);
    }
  }
}
