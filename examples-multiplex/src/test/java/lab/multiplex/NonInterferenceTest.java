package lab.multiplex;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.util.concurrent.ListenableFuture;
import io.grpc.ForwardingServerCallListener.SimpleForwardingServerCallListener;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import lab.common.LabServer;
import lab.proto.multiplex.ClockGrpc;
import lab.proto.multiplex.NowReply;
import lab.proto.multiplex.NowRequest;
import lab.proto.routeguide.Feature;
import lab.proto.routeguide.RouteGuideGrpc;
import lab.routeguide.Geo;
import lab.testing.GrpcCleanupExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A slow call on one service must not hold up a call on another, even on the same connection.
 * Each test parks a 60 s Clock call inside its handler, then makes a route guide call. By
 * default the fast call answers well within {@link #SUCCESS_BOUND_MS} (generous for a loaded
 * CI machine, yet half the slow call's time, so waiting behind it could not pass); the two
 * contrasts share a bounded resource with the slow call (the only server thread; the only
 * stream the connection may open) and the fast call misses even {@link #CONTRAST_BOUND_MS}.
 */
class NonInterferenceTest {
  /** Unhindered, the fast call answers in milliseconds; the slow one takes 60 s. */
  private static final long SUCCESS_BOUND_MS = 30_000;
  /** A failure path: it must time out, so it need not be generous. */
  private static final long CONTRAST_BOUND_MS = 1_000;

  @RegisterExtension
  final GrpcCleanupExtension grpc = new GrpcCleanupExtension();

  private final ConnectionCounter counter = new ConnectionCounter();
  /** Counted down on the server thread that is about to run the slow Clock handler. */
  private final CountDownLatch slowHandlerRunning = new CountDownLatch(1);
  private final ExecutorService singleThread = Executors.newSingleThreadExecutor();
  private LabServer server;

  @AfterEach
  void stopTheServerThenItsExecutor() throws InterruptedException {
    // @AfterEach runs before the cleanup extension: the server must stop before the executor
    // it still hands work to (the cancelled calls' last callbacks) goes away.
    server.server().shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    singleThread.shutdownNow();
    assertTrue(singleThread.awaitTermination(5, TimeUnit.SECONDS));
  }

  private ManagedChannel start(Consumer<NettyServerBuilder> options) throws Exception {
    server = MultiplexServer.start(0, netty -> {
      counter.installOn(netty);
      netty.intercept(signalWhenTheClockHandlerRuns());
      options.accept(netty);
    });
    grpc.register(server.server());
    return newChannel();
  }

  private ManagedChannel newChannel() {
    return grpc.register(
        ManagedChannelBuilder.forAddress("127.0.0.1", server.port()).usePlaintext().build());
  }

  private ServerInterceptor signalWhenTheClockHandlerRuns() {
    return new ServerInterceptor() {
      @Override
      public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call,
          Metadata headers, ServerCallHandler<Q, R> next) {
        boolean clock = call.getMethodDescriptor().getFullMethodName()
            .equals(ClockGrpc.getNowMethod().getFullMethodName());
        return new SimpleForwardingServerCallListener<>(next.startCall(call, headers)) {
          @Override
          public void onHalfClose() {
            if (clock) {
              slowHandlerRunning.countDown();
            }
            super.onHalfClose(); // a unary handler runs inside this, on this thread
          }
        };
      }
    };
  }

  /** Starts the slow call and returns once its handler is running (and holding its thread). */
  private ListenableFuture<NowReply> slowClockCall(ManagedChannel channel) throws Exception {
    var slow = ClockGrpc.newFutureStub(channel)
        .now(NowRequest.newBuilder().setDelayMs(60_000).build());
    assertTrue(slowHandlerRunning.await(10, TimeUnit.SECONDS), "the slow handler never ran");
    return slow;
  }

  private static Feature fastRouteGuideCall(ManagedChannel channel, long boundMs) {
    return RouteGuideGrpc.newBlockingStub(channel)
        .withDeadlineAfter(boundMs, TimeUnit.MILLISECONDS)
        .getFeature(Geo.point(51.5055, -0.0754));
  }

  @Test
  void aSlowClockCallDoesNotDelayARouteGuideCallOnTheSameConnection() throws Exception {
    ManagedChannel channel = start(netty -> { });
    var slow = slowClockCall(channel);

    assertEquals("Tower Bridge, London", fastRouteGuideCall(channel, SUCCESS_BOUND_MS).getName());
    assertFalse(slow.isDone(), "the slow call is still in flight");
    assertEquals(1, counter.connections(), "both calls shared one connection");
  }

  @Test
  void servicesSharingASingleServerThreadDoInterfere() throws Exception {
    ManagedChannel channel = start(netty -> netty.executor(singleThread));
    slowClockCall(channel);

    var e = assertThrows(StatusRuntimeException.class, () -> fastRouteGuideCall(channel, CONTRAST_BOUND_MS));

    assertEquals(Status.Code.DEADLINE_EXCEEDED, e.getStatus().getCode(),
        "the route guide handler waited behind the clock handler for the only thread");
  }

  @Test
  void aCapOfOneStreamPerConnectionMakesTheFastCallWaitUntilANewConnectionIsUsed()
      throws Exception {
    // SETTINGS_MAX_CONCURRENT_STREAMS = 1: the slow call's stream is the only one allowed.
    ManagedChannel channel = start(netty -> netty.maxConcurrentCallsPerConnection(1));
    slowClockCall(channel);

    // The client queues the new stream until one closes; it does not open a second connection.
    var e = assertThrows(StatusRuntimeException.class, () -> fastRouteGuideCall(channel, CONTRAST_BOUND_MS));
    assertEquals(Status.Code.DEADLINE_EXCEEDED, e.getStatus().getCode());
    assertEquals(1, counter.connections());

    // The cap is per connection, and the server has threads to spare: a second channel's
    // connection gets the same call through.
    assertEquals("Tower Bridge, London", fastRouteGuideCall(newChannel(), SUCCESS_BOUND_MS).getName());
    assertEquals(2, counter.connections());
  }
}
