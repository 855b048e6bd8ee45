package lab.multiplex;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.ForwardingServerCallListener.SimpleForwardingServerCallListener;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import lab.common.LabServer;
import lab.proto.multiplex.ClockGrpc;
import lab.proto.multiplex.NowRequest;
import lab.proto.routeguide.RouteGuideGrpc;
import lab.routeguide.Geo;
import lab.testing.GrpcCleanupExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A slow call on one service must not hold up another. It does not by default, because
 * grpc-java's default server executor grows a thread per blocked call; it does when the
 * services share an exhausted executor — the contrast that makes the claim testable.
 */
class NonInterferenceTest {
  @RegisterExtension
  final GrpcCleanupExtension grpc = new GrpcCleanupExtension();

  /** Counted down on the server thread that is about to run the slow Clock handler. */
  private final CountDownLatch slowHandlerRunning = new CountDownLatch(1);
  private final ExecutorService singleThread = Executors.newSingleThreadExecutor();

  @AfterEach
  void stopExecutor() throws InterruptedException {
    singleThread.shutdownNow();
    assertTrue(singleThread.awaitTermination(10, TimeUnit.SECONDS));
  }

  private ManagedChannel start(boolean singleThreadExecutor) throws Exception {
    LabServer server = MultiplexServer.start(0, netty -> {
      netty.intercept(new ServerInterceptor() {
        @Override
        public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call,
            Metadata headers, ServerCallHandler<Q, R> next) {
          boolean slow = call.getMethodDescriptor().equals(ClockGrpc.getNowMethod());
          return new SimpleForwardingServerCallListener<>(next.startCall(call, headers)) {
            @Override
            public void onHalfClose() {
              if (slow) {
                slowHandlerRunning.countDown();
              }
              super.onHalfClose(); // a unary handler runs here, on this thread
            }
          };
        }
      });
      if (singleThreadExecutor) {
        netty.executor(singleThread);
      }
    });
    grpc.register(server.server());
    return grpc.register(
        ManagedChannelBuilder.forAddress("127.0.0.1", server.port()).usePlaintext().build());
  }

  @Test
  void aSlowClockCallDoesNotDelayARouteGuideCallOnTheSameConnection() throws Exception {
    ManagedChannel channel = start(false);
    var slow = ClockGrpc.newFutureStub(channel)
        .now(NowRequest.newBuilder().setDelayMs(60_000).build());
    assertTrue(slowHandlerRunning.await(10, TimeUnit.SECONDS));

    var feature = RouteGuideGrpc.newBlockingStub(channel).withDeadlineAfter(2, TimeUnit.SECONDS)
        .getFeature(Geo.point(51.5055, -0.0754));

    assertEquals("Tower Bridge, London", feature.getName());
    assertTrue(!slow.isDone(), "the slow call is still running");
    slow.cancel(true);
  }

  @Test
  void servicesSharingASingleServerThreadDoInterfere() throws Exception {
    ManagedChannel channel = start(true);
    var slow = ClockGrpc.newFutureStub(channel)
        .now(NowRequest.newBuilder().setDelayMs(60_000).build());
    assertTrue(slowHandlerRunning.await(10, TimeUnit.SECONDS));

    var e = assertThrows(StatusRuntimeException.class, () -> RouteGuideGrpc
        .newBlockingStub(channel).withDeadlineAfter(1, TimeUnit.SECONDS)
        .getFeature(Geo.point(51.5055, -0.0754)));

    assertEquals(Status.Code.DEADLINE_EXCEEDED, e.getStatus().getCode(),
        "the route guide call waited behind the clock call for the only thread");
    slow.cancel(true);
  }
}
