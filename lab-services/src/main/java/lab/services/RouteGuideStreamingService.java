package lab.services;

import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.util.concurrent.TimeUnit;
import lab.idioms.FlowControlledWriter;
import lab.proto.routeguide.Feature;
import lab.proto.routeguide.Point;
import lab.proto.routeguide.Rectangle;
import lab.proto.routeguide.RouteGuideGrpc;
import lab.proto.routeguide.RouteNote;
import lab.proto.routeguide.RouteSummary;
import lab.routeguide.FeatureDatabase;
import lab.routeguide.Geo;

/**
 * The route guide's three streaming methods, one of each kind (NOTES.md, "Streaming"):
 * ListFeatures streams many replies to one request, RecordRoute reads many requests and
 * answers once the client half-closes, RouteChat reads and writes independently.
 *
 * <p>Flow control: ListFeatures and RouteChat write through a {@link FlowControlledWriter};
 * RouteChat also reads the next note only when its replies are written. RecordRoute keeps
 * grpc-java's automatic reading: each point costs O(1) memory and is processed at once, so a
 * fast client cannot pile anything up here.
 */
public final class RouteGuideStreamingService extends RouteGuideGrpc.RouteGuideImplBase {
  private final FeatureDatabase database;
  /** Notes kept per location for RouteChat: so one note is answered with at most this many. */
  public static final int NOTES_PER_LOCATION = 10;
  /** Locations RouteChat remembers; the least recently written is forgotten first. */
  public static final int LOCATIONS = 10_000;
  /**
   * A note's size (serialized bytes): a chat line, not a file. With it, a reply to one note is
   * at most 10 notes of 1 KiB, however large the notes someone else left there.
   */
  public static final int MAX_NOTE_BYTES = 1024;
  /** All notes together: past it the least recently written location is forgotten first. */
  public static final long NOTES_MAX_BYTES = 8L << 20;
  private final RouteNotes notes = new RouteNotes(LOCATIONS, NOTES_PER_LOCATION, NOTES_MAX_BYTES);

  public RouteGuideStreamingService(FeatureDatabase database) {
    this.database = database;
  }

  @Override
  public void getFeature(Point point, StreamObserver<Feature> reply) {
    // Same contract as examples-unary: no feature here is NOT_FOUND, not an empty Feature.
    database.at(point).ifPresentOrElse(feature -> {
      reply.onNext(feature);
      reply.onCompleted();
    }, () -> reply.onError(Status.NOT_FOUND.withDescription("no feature at "
        + Geo.latitude(point) + ", " + Geo.longitude(point)).asRuntimeException()));
  }

  @Override
  public void listFeatures(Rectangle rectangle, StreamObserver<Feature> reply) {
    if (!rectangle.hasLo() || !rectangle.hasHi()) {
      reply.onError(Status.INVALID_ARGUMENT
          .withDescription("rectangle needs both corners, lo and hi").asRuntimeException());
      return;
    }
    var writer = FlowControlledWriter.install(reply);
    writer.send(database.inside(rectangle).iterator()); // one message per feature
    writer.complete();
  }

  @Override
  public StreamObserver<Point> recordRoute(StreamObserver<RouteSummary> reply) {
    return new StreamObserver<>() {
      private final long start = System.nanoTime();
      private int points;
      private int features;
      private int distance;
      private Point previous;

      @Override
      public void onNext(Point point) {
        points++;
        if (database.at(point).isPresent()) {
          features++;
        }
        if (previous != null) {
          distance += Geo.distanceMeters(previous, point);
        }
        previous = point;
      }

      @Override
      public void onError(Throwable t) {}

      @Override
      public void onCompleted() {
        // The client half-closed: the route is complete, so now the single answer goes out.
        long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start);
        reply.onNext(RouteSummary.newBuilder().setPointCount(points).setFeatureCount(features)
            .setDistance(distance).setElapsedTime((int) seconds).build());
        reply.onCompleted();
      }
    };
  }

  @Override
  public StreamObserver<RouteNote> routeChat(StreamObserver<RouteNote> reply) {
    var writer = FlowControlledWriter.installReadingOneAtATime(reply);
    return new StreamObserver<>() {
      @Override
      public void onNext(RouteNote note) {
        if (writer.isClosed()) {
          return;
        }
        if (note.getSerializedSize() > MAX_NOTE_BYTES) {
          writer.fail(Status.INVALID_ARGUMENT.withDescription("a route note is at most "
              + MAX_NOTE_BYTES + " bytes, was " + note.getSerializedSize()).asRuntimeException());
          return;
        }
        // Answer as soon as each note arrives, with the notes left here before it, then read
        // the next note only once those replies are written.
        writer.send(notes.add(note).iterator());
        writer.readNextWhenReady();
      }

      @Override
      public void onError(Throwable t) {}

      @Override
      public void onCompleted() {
        writer.complete();
      }
    };
  }
}
