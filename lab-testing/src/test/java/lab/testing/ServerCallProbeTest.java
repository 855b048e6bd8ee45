package lab.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.ServerInterceptors;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import lab.proto.routeguide.Feature;
import lab.proto.routeguide.Point;
import lab.proto.routeguide.Rectangle;
import lab.proto.routeguide.RouteGuideGrpc;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The probe tells "the service ended the call" apart from "the transport cancelled it". */
class ServerCallProbeTest {
  private static final Duration WAIT = Duration.ofSeconds(10);
  private static final Feature HERE = Feature.newBuilder().setName("here").build();

  @RegisterExtension
  final GrpcCleanupExtension grpc = new GrpcCleanupExtension();
  private final ServerCallProbe probe = new ServerCallProbe();
  /** The reply stream of the last ListFeatures call, kept by a service that ignores cancels. */
  private final CompletableFuture<StreamObserver<Feature>> kept = new CompletableFuture<>();
  private RouteGuideGrpc.RouteGuideStub async;
  private RouteGuideGrpc.RouteGuideBlockingStub blocking;

  @BeforeEach
  void start() {
    var service = new RouteGuideGrpc.RouteGuideImplBase() {
      @Override
      public void getFeature(Point point, StreamObserver<Feature> reply) {
        if (point.getLatitude() == 0) {
          reply.onError(Status.NOT_FOUND.asRuntimeException());
          return;
        }
        reply.onNext(HERE);
        reply.onCompleted();
      }

      @Override
      public void listFeatures(Rectangle area, StreamObserver<Feature> reply) {
        // Hears of the cancel (so onNext does not throw) and carries on regardless.
        ((ServerCallStreamObserver<Feature>) reply).setOnCancelHandler(() -> {});
        kept.complete(reply);
      }
    };
    var channel = grpc.startInProcess(b -> b.addService(
        ServerInterceptors.intercept(service, probe))).channel();
    async = RouteGuideGrpc.newStub(channel);
    blocking = RouteGuideGrpc.newBlockingStub(channel);
  }

  @Test
  void aCallTheServiceEndsIsClosedWithTheServicesStatusAndNeverCancelled() throws Exception {
    assertEquals("here", blocking.getFeature(Point.newBuilder().setLatitude(1).build()).getName());
    ServerCallProbe.Call answered = probe.nextCall(WAIT);
    assertThrows(StatusRuntimeException.class, () -> blocking.getFeature(Point.getDefaultInstance()));
    ServerCallProbe.Call failed = probe.nextCall(WAIT);

    assertTrue(answered.awaitClosed(WAIT));
    assertEquals(Status.Code.OK, answered.closedWith().getCode());
    assertTrue(failed.awaitClosed(WAIT));
    assertEquals(Status.Code.NOT_FOUND, failed.closedWith().getCode());
    // Both clients have their status, which a server sends only once the call is over there.
    assertFalse(answered.wasCancelled() || failed.wasCancelled());
  }

  @Test
  void aCallTheClientCancelsIsCancelledNotClosedAndWritesAfterTheCancelAreCounted()
      throws Exception {
    StreamCollector<Feature> reader = new StreamCollector<>();
    async.listFeatures(Rectangle.getDefaultInstance(), reader);
    ServerCallProbe.Call call = probe.nextCall(WAIT);
    StreamObserver<Feature> reply = kept.get(WAIT.toSeconds(), TimeUnit.SECONDS);
    reply.onNext(HERE);

    reader.cancel("gone");

    assertTrue(call.awaitCancelled(WAIT), "the transport cancelled the call");
    assertNull(call.closedWith(), "while the service never closed it");
    reply.onNext(HERE); // a service that ignores the cancel keeps writing: the probe sees it
    assertEquals(2, call.sent.get());
    assertEquals(1, call.sentAfterCancel(), "the write after the cancel is told apart");
  }
}
