package lab.resilience;

import static lab.testing.Ports.freePort;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.ConnectivityState;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import lab.common.LabServer;
import lab.proto.work.WorkGrpc;
import lab.proto.work.WorkRequest;
import lab.testing.GrpcCleanupExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Over TCP: the lesson is about a server that is not listening yet. */
class WaitForReadyTest {
  @RegisterExtension
  final GrpcCleanupExtension grpc = new GrpcCleanupExtension();

  private int port;
  private ManagedChannel channel;

  @BeforeEach
  void pickAPortWithNothingOnIt() throws Exception {
    port = freePort();
    channel = grpc.register(ManagedChannelBuilder.forAddress("127.0.0.1", port)
        .usePlaintext().build());
  }

  @Test
  void withoutWaitForReadyACallToAServerThatIsDownFailsFastWithUnavailable() {
    var e = assertThrows(StatusRuntimeException.class, () -> WorkGrpc.newBlockingStub(channel)
        .withDeadlineAfter(10, TimeUnit.SECONDS).run(WorkRequest.getDefaultInstance()));

    assertEquals(Status.Code.UNAVAILABLE, e.getStatus().getCode(),
        "failed at once, long before its 10 s deadline");
  }

  @Test
  void withWaitForReadyTheCallWaitsAndSucceedsOnceTheServerStarts() throws Exception {
    var call = WorkGrpc.newFutureStub(channel).withWaitForReady()
        .withDeadlineAfter(30, TimeUnit.SECONDS).run(WorkRequest.getDefaultInstance());
    awaitState(ConnectivityState.TRANSIENT_FAILURE); // the connection attempt has failed...
    assertFalse(call.isDone(), "...and the call is still waiting, not failed");

    LabServer server = LabServer.onPort(port).addService(ResilienceServer.work(new WorkLog()))
        .start();
    grpc.register(server.server());

    assertEquals(0, call.get(20, TimeUnit.SECONDS).getPreviousAttempts());
  }

  private void awaitState(ConnectivityState wanted) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    ConnectivityState state;
    while ((state = channel.getState(true)) != wanted) {
      CountDownLatch changed = new CountDownLatch(1);
      channel.notifyWhenStateChanged(state, changed::countDown);
      assertTrue(changed.await(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS),
          "channel stuck in " + state);
    }
  }
}
