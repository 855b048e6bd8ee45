package lab.common;

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
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.stub.StreamObserver;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import lab.proto.routeguide.Feature;
import lab.testing.LogCapture;
import lab.proto.routeguide.Point;
import lab.proto.routeguide.RouteGuideGrpc;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LabServerTest {
  /** GetFeature calls that wait for the test: a call in flight on demand. */
  private final WaitingRouteGuide slow = new WaitingRouteGuide();
  private LabServer server;
  private ManagedChannel channel;

  @AfterEach
  void stop() throws Exception {
    slow.finishAll();
    channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    server.shutdownGracefully(Duration.ZERO);
  }

  private void start() throws Exception {
    server = LabServer.onPort(0).addService(slow).start();
    channel = ManagedChannelBuilder.forAddress("127.0.0.1", server.port()).usePlaintext().build();
  }

  @Test
  void serverListensOnLoopbackOnlyAndReportsEveryServiceServing() throws Exception {
    start();

    var address = (InetSocketAddress) server.server().getListenSockets().get(0);
    assertTrue(address.getAddress().isLoopbackAddress(), address.toString());
    var health = HealthGrpc.newBlockingStub(channel);
    for (String service : new String[] {"", "routeguide.RouteGuide"}) {
      assertEquals(ServingStatus.SERVING,
          health.check(HealthCheckRequest.newBuilder().setService(service).build()).getStatus());
    }
    server.health().setStatus("routeguide.RouteGuide", ServingStatus.NOT_SERVING);
    assertEquals(ServingStatus.NOT_SERVING, health.check(HealthCheckRequest.newBuilder()
        .setService("routeguide.RouteGuide").build()).getStatus(), "a lesson can flip one");
  }

  @Test
  void reflectionListsTheServicesUnlessAServerLeavesItToItsFallbackRegistry() throws Exception {
    start();
    // ServerReflectionRequest{list_services: ""}, sent as bytes: one request, one answer.
    var listServices = lab.testing.RawBytes.unary(
        "grpc.reflection.v1.ServerReflection/ServerReflectionInfo");
    byte[] request = {0x3a, 0x00};
    byte[] answer = io.grpc.stub.ClientCalls.blockingUnaryCall(channel, listServices,
        io.grpc.CallOptions.DEFAULT.withDeadlineAfter(20, TimeUnit.SECONDS), request);
    assertTrue(new String(answer, java.nio.charset.StandardCharsets.UTF_8)
        .contains("routeguide.RouteGuide"));

    LabServer bare = LabServer.onPort(0).withoutReflection().addService(slow).start();
    ManagedChannel toBare =
        ManagedChannelBuilder.forAddress("127.0.0.1", bare.port()).usePlaintext().build();
    try {
      var e = org.junit.jupiter.api.Assertions.assertThrows(
          io.grpc.StatusRuntimeException.class, () -> io.grpc.stub.ClientCalls
              .blockingUnaryCall(toBare, listServices, io.grpc.CallOptions.DEFAULT
                  .withDeadlineAfter(20, TimeUnit.SECONDS), request));
      assertEquals(io.grpc.Status.Code.UNIMPLEMENTED, e.getStatus().getCode());
    } finally {
      toBare.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
      bare.shutdownGracefully(Duration.ZERO);
    }
  }

  @Test
  void aServerBoundToAnotherAddressListensThereAndSaysSoInBrackets() throws Exception {
    try (LogCapture logs = LogCapture.attach(java.util.logging.Level.INFO,
        LabServer.class.getName())) {
      server = LabServer.onPort(0).bind("::1").addService(slow).start();
      channel = ManagedChannelBuilder.forTarget("[::1]:" + server.port()).usePlaintext().build();

      var address = (InetSocketAddress) server.server().getListenSockets().get(0);
      assertEquals("0:0:0:0:0:0:0:1", address.getAddress().getHostAddress());
      assertEquals(ServingStatus.SERVING, HealthGrpc.newBlockingStub(channel)
          .check(HealthCheckRequest.getDefaultInstance()).getStatus());
      assertTrue(logs.messages().stream().anyMatch(m -> m.startsWith(
          "Listening on [::1]:" + server.port() + " ")), logs.messages().toString());
    }
  }

  @Test
  void finishedCallsAreNoLongerCountedAsInFlight() throws Exception {
    // An interceptor the lesson adds sits inside the server's own in-flight tracking, so by
    // the time it hears a call completed, the tracking has forgotten that call.
    CountDownLatch completed = new CountDownLatch(3);
    server = LabServer.onPort(0).addService(slow).intercept(new ServerInterceptor() {
      @Override
      public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call,
          Metadata headers, ServerCallHandler<Q, R> next) {
        return new SimpleForwardingServerCallListener<>(next.startCall(call, headers)) {
          @Override public void onComplete() {
            super.onComplete();
            completed.countDown();
          }
        };
      }
    }).start();
    channel = ManagedChannelBuilder.forAddress("127.0.0.1", server.port()).usePlaintext().build();
    slow.finishAll();
    var stub = RouteGuideGrpc.newBlockingStub(channel).withDeadlineAfter(10, TimeUnit.SECONDS);
    for (int i = 0; i < 3; i++) {
      assertEquals("finished", stub.getFeature(Point.getDefaultInstance()).getName());
    }
    assertTrue(completed.await(10, TimeUnit.SECONDS), "the lesson's interceptor saw 3 calls end");
    assertEquals(0, server.callsInFlight());
  }

  @Test
  void optionsALessonConfiguresApplyToTheServer() throws Exception {
    server = LabServer.onPort(0).addService(slow).configure(b -> b.maxInboundMessageSize(4))
        .start();
    channel = ManagedChannelBuilder.forAddress("127.0.0.1", server.port()).usePlaintext().build();
    var e = assertThrows(StatusRuntimeException.class, () -> RouteGuideGrpc.newBlockingStub(channel)
        .withDeadlineAfter(10, TimeUnit.SECONDS)
        .getFeature(Point.newBuilder().setLatitude(400_000_000).setLongitude(-700_000_000).build()));
    assertEquals(Status.Code.RESOURCE_EXHAUSTED, e.getStatus().getCode(), e.getStatus().toString());
  }

  @Test
  void startingAServerInstallsTheLogLimiterOnGrpcsPerStreamLoggers() throws Exception {
    var logger = java.util.logging.Logger.getLogger("io.grpc.internal.ServerImpl");
    logger.setFilter(null);
    start();
    assertTrue(logger.getFilter() instanceof LogLimiter, String.valueOf(logger.getFilter()));
  }

  @Test
  void gracefulShutdownGoesNotServingThenRefusesNewCallsAndLetsInFlightCallsFinish()
      throws Exception {
    start();
    BlockingQueue<ServingStatus> watched = new LinkedBlockingQueue<>();
    var watch = io.grpc.Context.current().withCancellation();
    watch.run(() -> HealthGrpc.newStub(channel).watch(HealthCheckRequest.getDefaultInstance(),
        new StreamObserver<HealthCheckResponse>() {
          @Override public void onNext(HealthCheckResponse r) {
            watched.add(r.getStatus());
          }
          @Override public void onError(Throwable t) {}
          @Override public void onCompleted() {}
        }));
    assertEquals(ServingStatus.SERVING, watched.poll(5, TimeUnit.SECONDS));
    var inFlight = RouteGuideGrpc.newFutureStub(channel).getFeature(Point.getDefaultInstance());
    assertTrue(slow.awaitArrivals(1));

    var shutdown = CompletableFuture.runAsync(() -> {
      try {
        server.shutdownGracefully(Duration.ofSeconds(10));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });

    assertEquals(ServingStatus.NOT_SERVING, watched.poll(5, TimeUnit.SECONDS),
        "health watchers learn first");
    watch.cancel(null); // a watch is an in-flight call too; end it so draining can finish
    // A new client cannot connect any more. (The existing connection got a GOAWAY; a call
    // racing it may still slip in, which is why the grace period exists.)
    ManagedChannel newcomer = ManagedChannelBuilder
        .forAddress("127.0.0.1", server.port()).usePlaintext().build();
    try {
      var refused = assertThrows(StatusRuntimeException.class, () ->
          RouteGuideGrpc.newBlockingStub(newcomer).withDeadlineAfter(5, TimeUnit.SECONDS)
              .getFeature(Point.getDefaultInstance()));
      assertEquals(Status.Code.UNAVAILABLE, refused.getStatus().getCode());
    } finally {
      newcomer.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
    slow.finishAll();
    assertEquals("finished", inFlight.get(5, TimeUnit.SECONDS).getName(),
        "the in-flight call completed normally");
    shutdown.get(10, TimeUnit.SECONDS);
    assertTrue(server.server().isTerminated());
  }

  @Test
  void duringTheDrainDelayAPollingProbeSeesNotServingWhileCallsStillSucceed() throws Exception {
    server = LabServer.onPort(0).addService(slow).drainDelay(Duration.ofSeconds(60)).start();
    channel = ManagedChannelBuilder.forAddress("127.0.0.1", server.port()).usePlaintext().build();
    var probe = HealthGrpc.newBlockingStub(channel);
    assertEquals(ServingStatus.SERVING, probe.check(HealthCheckRequest.getDefaultInstance())
        .getStatus());

    var shutdown = CompletableFuture.runAsync(() -> {
      try {
        server.shutdownGracefully(Duration.ofSeconds(10));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    // Poll as a Kubernetes readiness probe would: a new Check call each time.
    ServingStatus seen = ServingStatus.SERVING;
    long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (seen == ServingStatus.SERVING && System.nanoTime() < giveUp) {
      seen = probe.withDeadlineAfter(10, TimeUnit.SECONDS)
          .check(HealthCheckRequest.getDefaultInstance()).getStatus();
    }
    assertEquals(ServingStatus.NOT_SERVING, seen, "the probe saw NOT_SERVING, not a refusal");
    slow.finishAll();
    assertEquals("finished", RouteGuideGrpc.newBlockingStub(channel)
        .withDeadlineAfter(10, TimeUnit.SECONDS).getFeature(Point.getDefaultInstance()).getName(),
        "and calls still succeed while the probe moves traffic away");

    server.stopDraining();
    shutdown.get(20, TimeUnit.SECONDS);
    assertTrue(server.server().isTerminated());
  }

  @Test
  void callsStillRunningAfterTheGraceEndWithUnavailableWhichClientsMayRetryElsewhere()
      throws Exception {
    start();
    var inFlight = RouteGuideGrpc.newFutureStub(channel).getFeature(Point.getDefaultInstance());
    assertTrue(slow.awaitArrivals(1));
    assertEquals(1, server.callsInFlight());

    server.shutdownGracefully(Duration.ofMillis(200)); // the handler will not finish in time

    var e = assertThrows(java.util.concurrent.ExecutionException.class,
        () -> inFlight.get(10, TimeUnit.SECONDS));
    Status status = Status.fromThrowable(e.getCause());
    assertEquals(Status.Code.UNAVAILABLE, status.getCode(), status.toString());
    assertEquals("server shutting down", status.getDescription());
  }
}
