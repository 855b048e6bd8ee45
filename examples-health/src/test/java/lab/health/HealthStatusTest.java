package lab.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.Context;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import lab.testing.GrpcCleanupExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Against the real HealthServer setup, over TCP on loopback. */
class HealthStatusTest {
  @RegisterExtension
  final GrpcCleanupExtension grpc = new GrpcCleanupExtension();

  private static final String VIDEO = "video_service.VideoService";
  private HealthServer.Running running;
  private ManagedChannel channel;
  private final Context.CancellableContext watchScope = Context.current().withCancellation();

  @BeforeEach
  void start() throws Exception {
    running = HealthServer.start(0, 2);
    grpc.register(running.server().server());
    channel = grpc.register(ManagedChannelBuilder
        .forAddress("127.0.0.1", running.server().port()).usePlaintext().build());
  }

  @AfterEach
  void stop() throws InterruptedException {
    watchScope.cancel(null); // end open Watch streams so the server can drain
    // @AfterEach runs before the cleanup extension: stop the server here, before the executors
    // it still hands work to (late stream resets) are shut down.
    running.server().server().shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    running.shutdownExecutors();
  }

  private static HealthCheckRequest service(String name) {
    return HealthCheckRequest.newBuilder().setService(name).build();
  }

  private BlockingQueue<ServingStatus> watch(String name) {
    BlockingQueue<ServingStatus> seen = new LinkedBlockingQueue<>();
    watchScope.run(() -> HealthGrpc.newStub(channel).watch(service(name), new StreamObserver<>() {
      @Override public void onNext(HealthCheckResponse r) {
        seen.add(r.getStatus());
      }
      @Override public void onError(Throwable t) {}
      @Override public void onCompleted() {}
    }));
    return seen;
  }

  @Test
  void aDependencyGoingDownFlipsOnlyItsServiceAndWatchersSeeEveryChange() throws Exception {
    BlockingQueue<ServingStatus> seen = watch(VIDEO);
    assertEquals(ServingStatus.SERVING, seen.poll(5, TimeUnit.SECONDS));

    running.storage().dependencyDown();
    assertEquals(ServingStatus.NOT_SERVING, seen.poll(5, TimeUnit.SECONDS));
    var check = HealthGrpc.newBlockingStub(channel);
    assertEquals(ServingStatus.SERVING, check.check(service("")).getStatus(),
        "the server as a whole is still up");
    assertEquals(1, HealthProbeClient.probeOnce(check, service(VIDEO), System.out), "a probe now fails");

    running.storage().dependencyUp();
    assertEquals(ServingStatus.SERVING, seen.poll(5, TimeUnit.SECONDS));
    assertEquals(0, HealthProbeClient.probeOnce(check, service(VIDEO), System.out));
  }

  @Test
  void theExecutorsTheServerOwnsAllStopWithIt() throws Exception {
    running.server().server().shutdownNow().awaitTermination(5, TimeUnit.SECONDS);

    running.shutdownExecutors();

    // Dispatch, services and health: none is left running threads after the server.
    assertEquals(3, running.executors().size());
    for (ExecutorService executor : running.executors()) {
      assertTrue(executor.awaitTermination(10, TimeUnit.SECONDS), executor.toString());
    }
  }

  @Test
  void checkOnAnUnknownServiceIsNotFound() {
    var e = assertThrows(StatusRuntimeException.class,
        () -> HealthGrpc.newBlockingStub(channel).check(service("no.such.Service")));

    assertEquals(Status.Code.NOT_FOUND, e.getStatus().getCode());
  }

  @Test
  void watchOnAnUnknownServiceSaysServiceUnknownAndKeepsWatching() throws Exception {
    BlockingQueue<ServingStatus> seen = watch("later.Service");
    assertEquals(ServingStatus.SERVICE_UNKNOWN, seen.poll(5, TimeUnit.SECONDS));

    running.server().health().setStatus("later.Service", ServingStatus.SERVING);
    assertEquals(ServingStatus.SERVING, seen.poll(5, TimeUnit.SECONDS),
        "Watch, unlike Check, waits for the service to appear");
  }

  @Test
  void gracefulShutdownTurnsEveryServiceNotServingFirst() throws Exception {
    BlockingQueue<ServingStatus> video = watch(VIDEO);
    BlockingQueue<ServingStatus> whole = watch("");
    assertEquals(ServingStatus.SERVING, video.poll(5, TimeUnit.SECONDS));
    assertEquals(ServingStatus.SERVING, whole.poll(5, TimeUnit.SECONDS));

    var stopping = CompletableFuture.runAsync(() -> {
      try {
        running.server().shutdownGracefully(Duration.ofSeconds(10));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });

    assertEquals(ServingStatus.NOT_SERVING, video.poll(5, TimeUnit.SECONDS));
    assertEquals(ServingStatus.NOT_SERVING, whole.poll(5, TimeUnit.SECONDS));
    watchScope.cancel(null); // the watches were the last in-flight calls
    stopping.get(15, TimeUnit.SECONDS);
  }
}
