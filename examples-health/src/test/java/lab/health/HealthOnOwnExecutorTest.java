package lab.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.util.concurrent.ListenableFuture;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.protobuf.services.HealthStatusManager;
import io.grpc.stub.StreamObserver;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import lab.proto.routeguide.Feature;
import lab.proto.routeguide.Point;
import lab.proto.routeguide.RouteGuideGrpc;
import lab.testing.GrpcCleanupExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class HealthOnOwnExecutorTest {
  @RegisterExtension
  final GrpcCleanupExtension grpc = new GrpcCleanupExtension();

  private static final int MAIN_THREADS = 2;
  private final ExecutorService main = Executors.newFixedThreadPool(MAIN_THREADS);
  private final ExecutorService healthPool = Executors.newSingleThreadExecutor();
  private final ExecutorService dispatch = Executors.newSingleThreadExecutor();
  private final CountDownLatch allThreadsBlocked = new CountDownLatch(MAIN_THREADS);
  private final CountDownLatch release = new CountDownLatch(1);

  /** A main service whose calls hold their thread until the test releases them. */
  private final RouteGuideGrpc.RouteGuideImplBase blocking = new RouteGuideGrpc.RouteGuideImplBase() {
    @Override
    public void getFeature(Point point, StreamObserver<Feature> reply) {
      allThreadsBlocked.countDown();
      try {
        release.await(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      reply.onNext(Feature.newBuilder().setName("done").build());
      reply.onCompleted();
    }
  };

  @AfterEach
  void stopExecutors() throws InterruptedException {
    release.countDown();
    main.shutdownNow();
    healthPool.shutdownNow();
    dispatch.shutdownNow();
    assertTrue(main.awaitTermination(10, TimeUnit.SECONDS));
  }

  private enum Setup { LAB_SETUP, ONE_SHARED_POOL, ROUTED_BUT_LOOKUP_ON_MAIN_POOL }

  private ManagedChannel start(Setup setup) {
    HealthStatusManager health = new HealthStatusManager();
    return grpc.startInProcess(b -> {
      b.addService(blocking).addService(health.getHealthService());
      switch (setup) {
        case LAB_SETUP -> b.executor(dispatch).callExecutor(new HealthOnOwnExecutor(healthPool, main));
        case ONE_SHARED_POOL -> b.executor(main);
        case ROUTED_BUT_LOOKUP_ON_MAIN_POOL ->
            b.executor(main).callExecutor(new HealthOnOwnExecutor(healthPool, main));
      }
    }).channel();
  }

  private List<ListenableFuture<Feature>> saturate(ManagedChannel channel) throws Exception {
    List<ListenableFuture<Feature>> calls = new ArrayList<>();
    for (int i = 0; i < MAIN_THREADS; i++) {
      calls.add(RouteGuideGrpc.newFutureStub(channel).getFeature(Point.getDefaultInstance()));
    }
    assertTrue(allThreadsBlocked.await(10, TimeUnit.SECONDS), "every main thread is blocked");
    return calls;
  }

  @Test
  void healthAnswersPromptlyWhileEveryMainThreadIsBlockedAndLeavesThoseCallsAlone()
      throws Exception {
    ManagedChannel channel = start(Setup.LAB_SETUP);
    List<ListenableFuture<Feature>> blocked = saturate(channel);

    // Generous for a loaded machine: without its own executor it would wait forever (the
    // blocked calls are released only below), as the two contrasts show.
    var status = HealthGrpc.newBlockingStub(channel).withDeadlineAfter(30, TimeUnit.SECONDS)
        .check(HealthCheckRequest.getDefaultInstance()).getStatus();

    assertEquals(ServingStatus.SERVING, status);
    blocked.forEach(call -> assertFalse(call.isDone(), "the blocked calls are untouched"));
    release.countDown();
    for (var call : blocked) {
      assertEquals("done", call.get(10, TimeUnit.SECONDS).getName());
    }
  }

  @Test
  void withoutItsOwnExecutorHealthWaitsBehindTheBlockedCalls() throws Exception {
    assertHealthTimesOut(start(Setup.ONE_SHARED_POOL));
  }

  @Test
  void routingHealthIsNotEnoughWhenTheMethodLookupRunsOnTheSaturatedPool() throws Exception {
    assertHealthTimesOut(start(Setup.ROUTED_BUT_LOOKUP_ON_MAIN_POOL));
  }

  private void assertHealthTimesOut(ManagedChannel channel) throws Exception {
    saturate(channel);

    var e = assertThrows(StatusRuntimeException.class, () -> HealthGrpc.newBlockingStub(channel)
        .withDeadlineAfter(500, TimeUnit.MILLISECONDS).check(HealthCheckRequest.getDefaultInstance()));

    assertEquals(Status.Code.DEADLINE_EXCEEDED, e.getStatus().getCode(),
        "a probe would now declare a busy-but-fine server dead");
  }
}
