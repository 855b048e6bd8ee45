package lab.services;

import static lab.services.RouteNotesTest.messages;
import static lab.services.RouteNotesTest.note;
import static lab.services.RouteNotesTest.place;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import lab.idioms.ReplyFuture;
import lab.proto.routeguide.Feature;
import lab.proto.routeguide.Point;
import lab.proto.routeguide.Rectangle;
import lab.proto.routeguide.RouteGuideGrpc;
import lab.proto.routeguide.RouteNote;
import lab.proto.routeguide.RouteSummary;
import lab.routeguide.FeatureDatabase;
import lab.routeguide.Geo;
import lab.testing.GrpcCleanupExtension;
import lab.testing.StreamCollector;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The route guide's methods on a three-feature map (examples-streaming has the lesson's). */
class RouteGuideStreamingServiceTest {
  private static final Duration WAIT = Duration.ofSeconds(10);
  private static final Point ONE = Geo.point(1, 1);
  private static final Point TWO = Geo.point(2, 2);
  private static final Point NOWHERE = Geo.point(5, 5);

  @RegisterExtension
  final GrpcCleanupExtension grpc = new GrpcCleanupExtension();
  private RouteGuideGrpc.RouteGuideStub async;
  private RouteGuideGrpc.RouteGuideBlockingStub blocking;

  @BeforeEach
  void start() {
    var map = new FeatureDatabase(List.of(feature("one", ONE), feature("two", TWO),
        feature("three", Geo.point(3, 3))));
    var channel = grpc.inProcessChannel(new RouteGuideStreamingService(map));
    async = RouteGuideGrpc.newStub(channel);
    blocking = RouteGuideGrpc.newBlockingStub(channel);
  }

  @Test
  void getFeatureAnswersTheFeatureThereOrNotFoundNamingThePoint() {
    assertEquals("two", blocking.getFeature(TWO).getName());
    Status status = assertThrows(StatusRuntimeException.class,
        () -> blocking.getFeature(NOWHERE)).getStatus();
    assertEquals(Status.Code.NOT_FOUND, status.getCode());
    assertEquals("no feature at 5.0, 5.0", status.getDescription());
  }

  @Test
  void listFeaturesStreamsTheFeaturesInsideTheRectangleAndEndsWithOk() {
    List<String> names = new ArrayList<>();
    blocking.listFeatures(Rectangle.newBuilder().setLo(Geo.point(0, 0))
        .setHi(Geo.point(2.5, 2.5)).build()).forEachRemaining(f -> names.add(f.getName()));
    assertEquals(List.of("one", "two"), names);
  }

  @Test
  void listFeaturesWithoutEitherCornerIsInvalidArgument() {
    for (Rectangle half : List.of(Rectangle.newBuilder().setLo(ONE).build(),
        Rectangle.newBuilder().setHi(ONE).build())) {
      Status status = assertThrows(StatusRuntimeException.class,
          () -> blocking.listFeatures(half).hasNext()).getStatus();
      assertEquals(Status.Code.INVALID_ARGUMENT, status.getCode());
    }
  }

  @Test
  void recordRouteAnswersOnceTheClientHalfClosesWithPointsFeaturesDistanceAndTime()
      throws Exception {
    long start = System.nanoTime();
    ReplyFuture<RouteSummary> summary = new ReplyFuture<>();
    StreamObserver<Point> route = async.recordRoute(summary);
    route.onNext(ONE);
    route.onNext(NOWHERE);
    route.onNext(ONE);
    assertFalse(summary.isDone(), "no answer while the route is open");
    route.onCompleted();

    RouteSummary result = summary.get(WAIT.toSeconds(), TimeUnit.SECONDS);
    long tookSeconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start);
    assertEquals(3, result.getPointCount());
    assertEquals(2, result.getFeatureCount(), "the point in between is no feature");
    assertEquals(2 * Geo.distanceMeters(ONE, NOWHERE), result.getDistance(), "there and back");
    assertTrue(result.getElapsedTime() >= 0 && result.getElapsedTime() <= tookSeconds,
        result.getElapsedTime() + " s, the whole call took " + tookSeconds + " s");
  }

  @Test
  void routeChatAnswersEachNoteWithTheNotesLeftAtItsPlaceBeforeItThenEndsWithOk()
      throws Exception {
    StreamCollector<RouteNote> replies = new StreamCollector<>();
    StreamObserver<RouteNote> chat = async.routeChat(replies);
    chat.onNext(note(ONE, "first"));
    chat.onNext(note(TWO, "elsewhere"));
    chat.onNext(note(ONE, "second"));
    assertEquals("first", replies.next(WAIT).getMessage(), "answered while the chat is open");
    chat.onNext(note(ONE, "third"));
    chat.onCompleted();

    assertEquals(List.of("first", "first", "second"), messages(replies.awaitReplies(WAIT)));
  }

  @Test
  void routeChatRemembersTheTenThousandMostRecentlyWrittenPlacesAndForgetsTheOldest()
      throws Exception {
    assertEquals(10_000, RouteGuideStreamingService.LOCATIONS);
    StreamCollector<RouteNote> replies = new StreamCollector<>();
    StreamObserver<RouteNote> chat = async.routeChat(replies);
    for (int n = 0; n <= 10_000; n++) { // 10,001 places: place 0 is forgotten
      chat.onNext(note(place(n), "at " + n));
    }
    chat.onNext(note(place(1), "again at 1")); // the oldest kept: still remembered
    chat.onNext(note(place(0), "again at 0"));
    chat.onCompleted();

    assertEquals(List.of("at 1"), messages(replies.awaitReplies(WAIT)),
        "place 1 was remembered, place 0 was not");
  }

  @Test
  void routeChatRefusesANoteOverOneKibibyteWithInvalidArgumentNamingTheLimit()
      throws Exception {
    StreamCollector<RouteNote> replies = new StreamCollector<>();
    StreamObserver<RouteNote> chat = async.routeChat(replies);
    chat.onNext(note(ONE, "x".repeat(1024))); // the message alone is the limit: too big
    Status status = replies.awaitStatus(WAIT);
    assertEquals(Status.Code.INVALID_ARGUMENT, status.getCode());
    assertEquals("a route note is at most 1024 bytes, was "
        + note(ONE, "x".repeat(1024)).getSerializedSize(), status.getDescription());
    chat.onCompleted();
  }

  @Test
  void aNoteOfExactlyOneKibibyteIsKeptAndSentBack() throws Exception {
    String message = "y".repeat(1024 - note(ONE, "").getSerializedSize() - 3);
    assertEquals(1024, note(ONE, message).getSerializedSize(), "the test's note is the limit");
    StreamCollector<RouteNote> replies = new StreamCollector<>();
    StreamObserver<RouteNote> chat = async.routeChat(replies);
    chat.onNext(note(ONE, message));
    chat.onNext(note(ONE, "after"));
    chat.onCompleted();
    assertEquals(List.of(message), messages(replies.awaitReplies(WAIT)));
  }

  private static Feature feature(String name, Point where) {
    return Feature.newBuilder().setName(name).setLocation(where).build();
  }
}
