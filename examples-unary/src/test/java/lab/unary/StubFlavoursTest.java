package lab.unary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.ManagedChannel;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import lab.proto.routeguide.Feature;
import lab.proto.routeguide.Point;
import lab.proto.routeguide.RouteGuideGrpc;
import lab.routeguide.Geo;
import lab.testing.GrpcCleanupExtension;
import lab.testing.StreamCollector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** One RPC, three ways to call it: blocking, future, and async (callback). */
class StubFlavoursTest {
  @RegisterExtension
  final GrpcCleanupExtension grpc = new GrpcCleanupExtension();

  private static final Point TOWER_BRIDGE = Geo.point(51.5055, -0.0754);
  /** The server answers only once the test opens this gate. */
  private final CountDownLatch gate = new CountDownLatch(1);
  /** Counted down when the call has reached the server's handler. */
  private final CountDownLatch arrived = new CountDownLatch(1);

  private ManagedChannel gatedServer() {
    return grpc.inProcessChannel(new RouteGuideGrpc.RouteGuideImplBase() {
      @Override
      public void getFeature(Point point, StreamObserver<Feature> reply) {
        arrived.countDown();
        try {
          assertTrue(gate.await(10, TimeUnit.SECONDS));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        reply.onNext(Feature.newBuilder().setName("Tower Bridge").setLocation(point).build());
        reply.onCompleted();
      }
    });
  }

  @Test
  void blockingStubReturnsTheReplyOnlyAfterTheServerAnswers() throws Exception {
    var stub = RouteGuideGrpc.newBlockingStub(gatedServer());
    var call = CompletableFuture.supplyAsync(() -> stub.getFeature(TOWER_BRIDGE));

    assertTrue(arrived.await(5, TimeUnit.SECONDS), "the call reached the server");
    assertFalse(call.isDone(), "the calling thread is still blocked");
    gate.countDown();
    assertEquals("Tower Bridge", call.get(5, TimeUnit.SECONDS).getName());
  }

  @Test
  void futureStubReturnsAtOnceWithAFutureThatCompletesWhenTheServerAnswers() throws Exception {
    var future = RouteGuideGrpc.newFutureStub(gatedServer()).getFeature(TOWER_BRIDGE);

    assertTrue(arrived.await(5, TimeUnit.SECONDS), "the call reached the server");
    assertFalse(future.isDone(), "returned before the server answered");
    gate.countDown();
    assertEquals("Tower Bridge", future.get(5, TimeUnit.SECONDS).getName());
  }

  @Test
  void asyncStubDeliversTheReplyToACallbackOnTheExecutorTheCallerChose() throws Exception {
    StreamCollector<String> callbackThreads = new StreamCollector<>();
    ExecutorService callbacks = Executors.newSingleThreadExecutor(r -> new Thread(r, "callbacks"));
    try {
      RouteGuideGrpc.newStub(gatedServer()).withExecutor(callbacks)
          .getFeature(TOWER_BRIDGE, new StreamObserver<>() {
            @Override public void onNext(Feature feature) {
              callbackThreads.onNext(Thread.currentThread().getName() + " got " + feature.getName());
            }
            @Override public void onError(Throwable t) {
              callbackThreads.onError(t);
            }
            @Override public void onCompleted() {
              callbackThreads.onCompleted();
            }
          });
      assertTrue(arrived.await(5, TimeUnit.SECONDS), "the call reached the server");
      assertTrue(callbackThreads.replies().isEmpty(), "the call returned before any reply");
      gate.countDown();
      // Callbacks run on grpc-java's executor unless the stub is given one (withExecutor):
      // never on the caller's thread, and they never block it.
      assertEquals(List.of("callbacks got Tower Bridge"),
          callbackThreads.awaitReplies(Duration.ofSeconds(5)));
    } finally {
      callbacks.shutdown(); // only after the call has completed: its last callback runs there
      assertTrue(callbacks.awaitTermination(5, TimeUnit.SECONDS));
    }
  }
}
