package lab.unary;

import com.google.rpc.BadRequest;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import io.grpc.stub.StreamObserver;
import java.io.PrintStream;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import lab.common.Flags;
import lab.common.Main;
import lab.idioms.LabChannel;
import lab.proto.routeguide.Feature;
import lab.proto.routeguide.Point;
import lab.proto.routeguide.Rectangle;
import lab.proto.routeguide.RouteGuideGrpc;
import lab.routeguide.Geo;

/**
 * Walks through the unary lessons against a running UnaryServer: the three stub flavours,
 * the error model, a deadline that is too short, and an unimplemented method.
 *
 * <p>Flags: {@code --target host:port} (default localhost:50052).
 */
public final class UnaryClient {
  private static final Point TOWER_BRIDGE = Geo.point(51.5055, -0.0754);

  static final String USAGE = "usage: ./run examples-unary UnaryClient [--target HOST:PORT]";
  static final String START_SERVER = "./run examples-unary UnaryServer";

  public static void main(String[] args) throws Exception {
    Main.client(args, USAGE, START_SERVER, flags -> run(flags, System.out));
  }

  /** Makes each lesson's calls against {@code --target} and prints how each one ended. */
  static void run(Flags flags, PrintStream out) throws Exception {
    try (LabChannel lab = LabChannel.plaintext(flags.target(UnaryServer.DEFAULT_PORT))) {
      var blocking = RouteGuideGrpc.newBlockingStub(lab.channel());

      // 1. Three stub flavours, one RPC.
      out.println("blocking stub: " + blocking.getFeature(TOWER_BRIDGE).getName());
      var future = RouteGuideGrpc.newFutureStub(lab.channel()).getFeature(TOWER_BRIDGE);
      out.println("future stub:   " + future.get(5, TimeUnit.SECONDS).getName());
      // The async stub's answer arrives on a callback; this future only hands it back to this
      // thread, so the walk-through prints in order. A failure surfaces from get() as the
      // call's status, like the blocking stub's.
      CompletableFuture<String> async = new CompletableFuture<>();
      RouteGuideGrpc.newStub(lab.channel()).getFeature(TOWER_BRIDGE, new StreamObserver<>() {
        @Override public void onNext(Feature f) {
          async.complete(f.getName() + " (callback on " + Thread.currentThread().getName() + ")");
        }
        @Override public void onError(Throwable t) {
          async.completeExceptionally(t);
        }
        @Override public void onCompleted() {}
      });
      out.println("async stub:    " + async.get(5, TimeUnit.SECONDS));

      // 2. The error model: a status code, a message, and structured details.
      try {
        blocking.getFeature(Point.newBuilder().setLatitude(910_000_000).build());
      } catch (StatusRuntimeException e) {
        out.println("invalid point -> " + e.getStatus().getCode()
            + ": " + e.getStatus().getDescription());
        var details = StatusProto.fromThrowable(e);
        for (var any : details.getDetailsList()) {
          if (any.is(BadRequest.class)) {
            for (var v : any.unpack(BadRequest.class).getFieldViolationsList()) {
              out.println("  field " + v.getField() + ": " + v.getDescription());
            }
          }
        }
      }
      printFailure(out, "unknown point", () -> blocking.getFeature(Geo.point(0, 0)));

      // 3. A deadline shorter than the server's work.
      printFailure(out, "20 ms deadline", () ->
          blocking.withDeadlineAfter(20, TimeUnit.MILLISECONDS).getFeature(TOWER_BRIDGE));

      // 4. A method the service does not implement.
      printFailure(out, "ListFeatures", () ->
          blocking.listFeatures(Rectangle.getDefaultInstance()).hasNext());
    }
  }

  private static void printFailure(PrintStream out, String what, Runnable call) {
    try {
      call.run();
      out.println(what + " -> unexpectedly OK");
    } catch (StatusRuntimeException e) {
      out.println(what + " -> " + e.getStatus().getCode() + " ("
          + e.getStatus().getCode().value() + "): " + e.getStatus().getDescription());
    }
  }
}
