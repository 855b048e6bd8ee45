package lab.streaming;

import io.grpc.stub.StreamObserver;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import lab.common.Main;
import lab.idioms.LabChannel;
import lab.idioms.ReplyFuture;
import lab.proto.flowcontrol.ProduceRequest;
import lab.proto.flowcontrol.TickerGrpc;
import lab.proto.routeguide.Point;
import lab.proto.routeguide.Rectangle;
import lab.proto.routeguide.RouteGuideGrpc;
import lab.proto.routeguide.RouteNote;
import lab.proto.routeguide.RouteSummary;
import lab.routeguide.Geo;

/**
 * Runs each streaming kind once against RouteGuideServer, then reads 200 ticks slowly so the
 * server's log shows its producer pausing. Flags: {@code --target} (default localhost:50053).
 */
public final class RouteGuideClient {
  private static final List<Point> ROUTE = List.of(Geo.point(51.5055, -0.0754),
      Geo.point(51.5194, -0.1270), Geo.point(51.5, -0.1), Geo.point(51.4769, -0.0015));

  static final String USAGE = "usage: ./run examples-streaming RouteGuideClient"
      + " [--target HOST:PORT]";

  public static void main(String[] args) throws Exception {
    Main.client(args, USAGE, "./run examples-streaming RouteGuideServer", flags -> {
      try (LabChannel lab = LabChannel.plaintext(flags.target(RouteGuideServer.DEFAULT_PORT))) {
        var blocking = RouteGuideGrpc.newBlockingStub(lab.channel());
        var async = RouteGuideGrpc.newStub(lab.channel());

        System.out.println("ListFeatures (server streaming), around London:");
        blocking.listFeatures(Rectangle.newBuilder().setLo(Geo.point(51.4, -0.2))
            .setHi(Geo.point(51.6, 0.1)).build())
            .forEachRemaining(f -> System.out.println("  <- " + f.getName()));

        System.out.println("RecordRoute (client streaming):");
        var summary = new ReplyFuture<RouteSummary>();
        StreamObserver<Point> route = async.recordRoute(summary);
        for (Point p : ROUTE) {
          System.out.println("  -> " + Geo.latitude(p) + ", " + Geo.longitude(p));
          route.onNext(p);
        }
        route.onCompleted();
        System.out.println("  <- " + summary.get(5, TimeUnit.SECONDS).toString().replace('\n', ' '));

        System.out.println("RouteChat (bidirectional):");
        var chatDone = new CompletableFuture<RouteNote>();
        StreamObserver<RouteNote> chat = async.routeChat(new StreamObserver<>() {
          @Override public void onNext(RouteNote n) {
            System.out.println("  <- earlier note here: " + n.getMessage());
          }
          @Override public void onError(Throwable t) {
            chatDone.completeExceptionally(t);
          }
          @Override public void onCompleted() {
            chatDone.complete(null);
          }
        });
        for (String message : List.of("hello", "anyone?", "hello again")) {
          System.out.println("  -> " + message + " (at Tower Bridge)");
          chat.onNext(RouteNote.newBuilder().setLocation(ROUTE.get(0)).setMessage(message).build());
        }
        chat.onCompleted();
        chatDone.get(5, TimeUnit.SECONDS);

        System.out.println("Produce: reading 200 ticks of 64 KiB, 10 ms each (watch the server log)");
        var reader = new SlowTickReader(1, tick -> CompletableFuture.runAsync(() -> {},
            CompletableFuture.delayedExecutor(10, TimeUnit.MILLISECONDS)));
        TickerGrpc.newStub(lab.channel()).produce(
            ProduceRequest.newBuilder().setCount(200).setPayloadBytes(64 * 1024).build(), reader);
        System.out.println("  <- " + reader.done().get(60, TimeUnit.SECONDS) + " ticks received");
      }
    });
  }

}
