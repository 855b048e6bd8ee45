package lab.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import lab.proto.routeguide.Feature;
import lab.proto.routeguide.Point;
import lab.proto.routeguide.RouteGuideGrpc;
import lab.testing.LogCapture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The whole server's bound on calls in flight: past it, a call is refused at once with
 * RESOURCE_EXHAUSTED, and once calls finish, new ones are let in again.
 */
class CallLimitTest {
  private final WaitingRouteGuide waiting = new WaitingRouteGuide();
  private LabServer server;
  private ManagedChannel channel;

  @AfterEach
  void stop() throws Exception {
    waiting.finishAll();
    if (server != null) {
      channel.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
      server.shutdownGracefully(Duration.ZERO);
    }
  }

  @Test
  void pastTheLimitACallIsRefusedWithResourceExhaustedUntilCallsFinish() throws Exception {
    server = LabServer.onPort(0).addService(waiting).maxCallsInFlight(3).start();
    channel = ManagedChannelBuilder.forAddress("127.0.0.1", server.port()).usePlaintext().build();
    var async = RouteGuideGrpc.newFutureStub(channel);
    List<com.google.common.util.concurrent.ListenableFuture<Feature>> calls = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      calls.add(async.withDeadlineAfter(60, TimeUnit.SECONDS).getFeature(point()));
    }
    assertTrue(waiting.awaitArrivals(3), "three calls in flight");

    var blocking = RouteGuideGrpc.newBlockingStub(channel).withDeadlineAfter(30, TimeUnit.SECONDS);
    try (LogCapture log = LogCapture.attach(Level.INFO, CallLimit.LOGGER).quiet()) {
      for (int i = 0; i < 5; i++) {
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class,
            () -> blocking.getFeature(point()));
        assertEquals(Status.Code.RESOURCE_EXHAUSTED, e.getStatus().getCode());
        assertEquals("the server has 3 calls in flight, its limit; try again later",
            e.getStatus().getDescription());
      }
      assertEquals(List.of("refused a call: 3 calls in flight, the server's limit"),
          log.messages(), "one line for five refusals (LogLimiter)");
    }
    assertEquals(0, waiting.uncountedArrivals(), "no refused call reached the handler");

    waiting.finishAll();
    for (var call : calls) {
      assertEquals("finished", call.get(30, TimeUnit.SECONDS).getName());
    }
    assertEquals("finished", blocking.getFeature(point()).getName(), "let in again");
  }

  @Test
  void aCallItsClientCancelsFreesItsPlace() throws Exception {
    server = LabServer.onPort(0).addService(waiting).maxCallsInFlight(1).start();
    channel = ManagedChannelBuilder.forAddress("127.0.0.1", server.port()).usePlaintext().build();
    var first = RouteGuideGrpc.newFutureStub(channel).getFeature(point());
    assertTrue(waiting.awaitArrivals(1), "the one call in flight");
    first.cancel(true); // the client gives up: a RST_STREAM to the server
    assertTrue(waiting.awaitCancellation(), "the server saw the cancel");
    waiting.finishAll(); // the handler returns; its listener then hears onCancel

    var blocking = RouteGuideGrpc.newBlockingStub(channel).withDeadlineAfter(30, TimeUnit.SECONDS);
    long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (true) { // onCancel runs on the call's executor a moment after the handler returns
      try {
        assertEquals("finished", blocking.getFeature(point()).getName());
        break;
      } catch (StatusRuntimeException e) {
        assertEquals(Status.Code.RESOURCE_EXHAUSTED, e.getStatus().getCode());
        assertTrue(System.nanoTime() < giveUp, "the cancelled call's place was never freed");
      }
    }
    // CallLimit passes the cancel on: the listeners inside it (InFlightCalls, the handler's)
    // hear it too. No event says when the last one has, so the count is looked at again.
    while (server.callsInFlight() > 0) {
      assertTrue(System.nanoTime() < giveUp, server.callsInFlight() + " call(s) still counted");
      java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
    }
  }

  @Test
  void theDefaultLimitIsAThousandCalls() {
    assertEquals(1_000, LabServer.DEFAULT_MAX_CALLS_IN_FLIGHT);
  }

  private static Point point() {
    return Point.newBuilder().setLatitude(1).setLongitude(1).build();
  }
}
