package lab.unary;

import com.google.protobuf.Any;
import com.google.rpc.BadRequest;
import com.google.rpc.Code;
import io.grpc.Context;
import io.grpc.Status;
import io.grpc.protobuf.StatusProto;
import io.grpc.stub.StreamObserver;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import lab.proto.routeguide.Feature;
import lab.proto.routeguide.Point;
import lab.proto.routeguide.RouteGuideGrpc;
import lab.routeguide.Geo;

/**
 * The route guide's unary method, GetFeature. The other three methods are deliberately not
 * overridden: the generated base class answers them with UNIMPLEMENTED (status 12), which is
 * lesson 5.
 *
 * <p>An unknown point answers NOT_FOUND rather than the classic route guide's empty Feature:
 * an empty message is indistinguishable from "a feature with no name", while a status code
 * says plainly that nothing is there, and every client and proxy understands it.
 */
public final class RouteGuideUnaryService extends RouteGuideGrpc.RouteGuideImplBase {
  private final SlowFeatureLookup lookup;

  public RouteGuideUnaryService(SlowFeatureLookup lookup) {
    this.lookup = lookup;
  }

  @Override
  public void getFeature(Point point, StreamObserver<Feature> reply) {
    Optional<BadRequest> invalid = validate(point);
    if (invalid.isPresent()) {
      // Rich error model: a google.rpc.Status whose details say which field is wrong and why.
      // StatusProto carries it in the grpc-status-details-bin trailer.
      com.google.rpc.Status status = com.google.rpc.Status.newBuilder()
          .setCode(Code.INVALID_ARGUMENT_VALUE)
          .setMessage("point is outside the valid coordinate range")
          .addDetails(Any.pack(invalid.get()))
          .build();
      reply.onError(StatusProto.toStatusRuntimeException(status));
      return;
    }
    Optional<Feature> feature;
    try {
      feature = lookup.find(point);
    } catch (CancellationException e) {
      return; // the client is gone (deadline or cancel): nobody is left to answer
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      reply.onError(Status.CANCELLED.withDescription("server interrupted").asRuntimeException());
      return;
    }
    if (Context.current().isCancelled()) {
      return; // gone during the last step: the lookup finished, but nobody is left to answer
    }
    if (feature.isEmpty()) {
      reply.onError(Status.NOT_FOUND
          .withDescription("no feature at " + Geo.latitude(point) + ", " + Geo.longitude(point))
          .asRuntimeException());
      return;
    }
    reply.onNext(feature.get());
    reply.onCompleted();
  }

  private static Optional<BadRequest> validate(Point point) {
    BadRequest.Builder bad = BadRequest.newBuilder();
    if (Math.abs(point.getLatitude()) > 90 * Geo.COORD_FACTOR) {
      bad.addFieldViolationsBuilder().setField("latitude")
          .setDescription("must be within [-90, 90] degrees, was " + Geo.latitude(point));
    }
    if (Math.abs(point.getLongitude()) > 180 * Geo.COORD_FACTOR) {
      bad.addFieldViolationsBuilder().setField("longitude")
          .setDescription("must be within [-180, 180] degrees, was " + Geo.longitude(point));
    }
    return bad.getFieldViolationsCount() == 0 ? Optional.empty() : Optional.of(bad.build());
  }
}
