package lab.streaming;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.ServerInterceptors;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import lab.idioms.ReplyFuture;
import lab.proto.routeguide.Point;
import lab.proto.routeguide.Rectangle;
import lab.proto.routeguide.RouteGuideGrpc;
import lab.proto.routeguide.RouteNote;
import lab.proto.routeguide.RouteSummary;
import lab.routeguide.FeatureDatabase;
import lab.routeguide.Geo;
import lab.services.RouteGuideStreamingService;
import lab.testing.GrpcCleanupExtension;
import lab.testing.ServerCallProbe;
import lab.testing.StreamCollector;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class RouteGuideStreamingTest {
  private static final Duration WAIT = Duration.ofSeconds(10);
  @RegisterExtension
  final GrpcCleanupExtension grpc = new GrpcCleanupExtension();

  static final Point TOWER_BRIDGE = Geo.point(51.5055, -0.0754);
  static final Point BRITISH_MUSEUM = Geo.point(51.5194, -0.1270);
  static final Point NOWHERE = Geo.point(51.5, -0.1);
  static final Point GREENWICH = Geo.point(51.4769, -0.0015);

  private final ServerCallProbe probe = new ServerCallProbe();
  private RouteGuideGrpc.RouteGuideStub async;
  private RouteGuideGrpc.RouteGuideBlockingStub blocking;

  @BeforeEach
  void startServer() {
    var channel = grpc.startInProcess(b -> b.addService(ServerInterceptors.intercept(
        new RouteGuideStreamingService(FeatureDatabase.bundled()), probe))).channel();
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
    ServerCallProbe.Call call = probe.nextCall(WAIT);
    assertTrue(call.awaitReceived(4, WAIT));
    // The server has every point; an answer sent on receipt would reach us in one round trip.
    blocking.getFeature(TOWER_BRIDGE);
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
    StreamCollector<RouteNote> received = new StreamCollector<>();
    StreamObserver<RouteNote> chat = async.routeChat(received);

    chat.onNext(note(TOWER_BRIDGE, "first at the bridge"));
    chat.onNext(note(GREENWICH, "first at Greenwich"));
    chat.onNext(note(TOWER_BRIDGE, "second at the bridge"));
    // The server answers the third note while our stream is still open: both directions live.
    assertEquals("first at the bridge", received.next(WAIT).getMessage());
    chat.onNext(note(TOWER_BRIDGE, "third at the bridge"));
    assertEquals("first at the bridge", received.next(WAIT).getMessage());
    assertEquals("second at the bridge", received.next(WAIT).getMessage());
    chat.onCompleted();
    assertEquals(3, received.awaitReplies(WAIT).size(), "nothing for the first notes at each place");
  }

  @Test
  void routeChatAnswersWithAtMostTheNewestTenNotesOfAPlace() throws Exception {
    StreamCollector<RouteNote> received = new StreamCollector<>();
    StreamObserver<RouteNote> chat = async.routeChat(received);
    for (int i = 0; i < 30; i++) {
      chat.onNext(note(GREENWICH, "note " + i));
    }
    chat.onCompleted();

    List<RouteNote> replies = received.awaitReplies(WAIT);
    // Notes 0..9 get 0..9 replies each (45), notes 10..29 get 10 each (200): 3,000 notes would
    // cost 29,955 replies instead of the 4,498,500 an unbounded history sends.
    assertEquals(245, replies.size());
    assertEquals(List.of("note 19", "note 20", "note 21", "note 22", "note 23", "note 24",
        "note 25", "note 26", "note 27", "note 28"), replies.subList(235, 245).stream()
        .map(RouteNote::getMessage).toList(), "the last note hears the ten before it");
  }

  @Test
  void routeChatReadsNoFurtherNoteWhileItsRepliesCannotBeWritten() throws Exception {
    StreamCollector<RouteNote> reader = StreamCollector.readingOnly(0); // reads nothing
    StreamObserver<RouteNote> chat = async.routeChat(reader);
    for (int i = 0; i < 1_000; i++) {
      chat.onNext(note(NOWHERE, "again " + i));
    }
    ServerCallProbe.Call call = probe.nextCall(WAIT);
    assertTrue(call.awaitPause(WAIT), "the server found the call unable to take replies");
    assertTrue(call.awaitReceived(1, WAIT)); // the probe counts once the handler returns
    assertEquals(1, call.received.get(), "so it read no note after the first: 999 wait unread");
    reader.cancel("gone");
    assertTrue(call.awaitCancelled(WAIT));
    assertEquals(0, call.sentAfterCancel(), "and it wrote nothing once the reader had gone");
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
