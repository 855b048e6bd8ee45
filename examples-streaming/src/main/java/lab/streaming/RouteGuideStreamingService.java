package lab.streaming;

import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
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
 */
public final class RouteGuideStreamingService extends RouteGuideGrpc.RouteGuideImplBase {
  private final FeatureDatabase database;
  /** RouteChat's notes per location; several chats may write at once. */
  private final Map<Point, List<RouteNote>> notes = new ConcurrentHashMap<>();

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
    database.inside(rectangle).forEach(reply::onNext); // one message per feature
    reply.onCompleted();
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
    return new StreamObserver<>() {
      @Override
      public void onNext(RouteNote note) {
        List<RouteNote> here = notes.computeIfAbsent(note.getLocation(), p -> new ArrayList<>());
        List<RouteNote> earlier;
        synchronized (here) {
          earlier = List.copyOf(here);
          here.add(note);
        }
        earlier.forEach(reply::onNext); // answer as soon as each note arrives
      }

      @Override
      public void onError(Throwable t) {}

      @Override
      public void onCompleted() {
        reply.onCompleted();
      }
    };
  }
}
