package lab.streaming;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import lab.common.ReplyFuture;
import lab.proto.routeguide.Point;
import lab.proto.routeguide.Rectangle;
import lab.proto.routeguide.RouteGuideGrpc;
import lab.proto.routeguide.RouteNote;
import lab.proto.routeguide.RouteSummary;
import lab.routeguide.FeatureDatabase;
import lab.routeguide.Geo;
import lab.testing.GrpcCleanupExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import lab.services.RouteGuideStreamingService;

class RouteGuideStreamingTest {
  @RegisterExtension
  final GrpcCleanupExtension grpc = new GrpcCleanupExtension();

  static final Point TOWER_BRIDGE = Geo.point(51.5055, -0.0754);
  static final Point BRITISH_MUSEUM = Geo.point(51.5194, -0.1270);
  static final Point NOWHERE = Geo.point(51.5, -0.1);
  static final Point GREENWICH = Geo.point(51.4769, -0.0015);

  private RouteGuideGrpc.RouteGuideStub async;
  private RouteGuideGrpc.RouteGuideBlockingStub blocking;

  @BeforeEach
  void startServer() {
    var channel = grpc.inProcessChannel(new RouteGuideStreamingService(FeatureDatabase.bundled()));
    async = RouteGuideGrpc.newStub(channel);
    blocking = RouteGuideGrpc.newBlockingStub(channel);
  }

  @Test
  void listFeaturesStreamsOneMessagePerFeatureInsideTheRectangle() {
    var london = Rectangle.newBuilder().setLo(Geo.point(51.4, -0.2)).setHi(Geo.point(51.6, 0.1))
        .build();
    List<String> names = new ArrayList<>();
    blocking.listFeatures(london).forEachRemaining(f -> names.add(f.getName()));

    assertEquals(List.of("Tower Bridge, London", "British Museum, London",
        "Royal Observatory, Greenwich", "Hampstead Heath, London"), names);
  }

  @Test
  void listFeaturesWithoutBothCornersIsInvalidArgument() {
    var e = assertThrows(StatusRuntimeException.class,
        () -> blocking.listFeatures(Rectangle.getDefaultInstance()).hasNext());

    assertEquals(Status.Code.INVALID_ARGUMENT, e.getStatus().getCode());
    assertEquals("rectangle needs both corners, lo and hi", e.getStatus().getDescription());
  }

  @Test
  void recordRouteAnswersOnceAfterHalfCloseWithPointsFeaturesAndDistance() throws Exception {
    var summary = new ReplyFuture<RouteSummary>();
    StreamObserver<Point> route = async.recordRoute(summary);

    for (Point p : List.of(TOWER_BRIDGE, BRITISH_MUSEUM, NOWHERE, GREENWICH)) {
      route.onNext(p);
    }
    assertTrue(!summary.isDone(), "no answer while the route is still open");
    route.onCompleted();

    RouteSummary result = summary.get(5, TimeUnit.SECONDS);
    assertEquals(4, result.getPointCount());
    assertEquals(3, result.getFeatureCount(), "the point in between is not a feature");
    // 3,891 m + 2,854 m + 7,288 m along great circles (computed independently).
    assertEquals(14_033, result.getDistance());
  }

  @Test
  void routeChatAnswersEachNoteWithTheNotesAlreadyLeftAtThatPlace() throws Exception {
    BlockingQueue<String> received = new LinkedBlockingQueue<>();
    var done = new CompletableFuture<Void>();
    StreamObserver<RouteNote> chat = async.routeChat(new StreamObserver<>() {
      @Override public void onNext(RouteNote note) {
        received.add(note.getMessage());
      }
      @Override public void onError(Throwable t) {
        done.completeExceptionally(t);
      }
      @Override public void onCompleted() {
        done.complete(null);
      }
    });

    chat.onNext(note(TOWER_BRIDGE, "first at the bridge"));
    chat.onNext(note(GREENWICH, "first at Greenwich"));
    chat.onNext(note(TOWER_BRIDGE, "second at the bridge"));
    // The server answers the third note while our stream is still open: both directions live.
    assertEquals("first at the bridge", received.poll(5, TimeUnit.SECONDS));
    chat.onNext(note(TOWER_BRIDGE, "third at the bridge"));
    assertEquals("first at the bridge", received.poll(5, TimeUnit.SECONDS));
    assertEquals("second at the bridge", received.poll(5, TimeUnit.SECONDS));
    chat.onCompleted();
    done.get(5, TimeUnit.SECONDS);
    assertTrue(received.isEmpty(), "nothing for the first notes at each place");
  }

  @Test
  void getFeatureAtAPointWithNothingIsNotFound() {
    var e = assertThrows(StatusRuntimeException.class, () -> blocking.getFeature(NOWHERE));

    assertEquals(Status.Code.NOT_FOUND, e.getStatus().getCode());
    assertEquals("Tower Bridge, London", blocking.getFeature(TOWER_BRIDGE).getName());
  }

  private static RouteNote note(Point where, String message) {
    return RouteNote.newBuilder().setLocation(where).setMessage(message).build();
  }

}
