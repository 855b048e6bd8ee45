package lab.services.proxy;

import static lab.services.proxy.Proxies.WAIT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.Channel;
import io.grpc.ForwardingServerCallListener.SimpleForwardingServerCallListener;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.Status;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import lab.idioms.ReplyFuture;
import lab.proto.routeguide.Point;
import lab.proto.routeguide.RouteGuideGrpc;
import lab.proto.routeguide.RouteSummary;
import lab.proto.video.ListVideosRequest;
import lab.proto.video.Video;
import lab.proto.video.VideoServiceGrpc;
import lab.routeguide.Geo;
import lab.services.VideoService;
import lab.testing.GrpcCleanupExtension;
import lab.testing.ServerCallProbe;
import lab.testing.StreamCollector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The proxy is no buffer between a fast side and a slow one: it holds at most one message per
 * direction that the other side did not ask for, in both directions. In process, readiness
 * follows requests exactly (a server call is ready while its client has replies asked for and
 * not yet sent; a client call while its server has requests asked for), so the counts below
 * are exact. Over Netty readiness follows bytes in flow-control windows instead, and the same
 * code stops after a window's worth.
 */
class ProxyFlowControlTest {
  private static final int VIDEOS = 1_000;

  @RegisterExtension
  final GrpcCleanupExtension grpc = new GrpcCleanupExtension();
  private final ServerCallProbe backendProbe = new ServerCallProbe();
  private final ServerCallProbe proxyProbe = new ServerCallProbe();
  private final ExecutorService proxyThread = Executors.newSingleThreadExecutor();
  private GrpcCleanupExtension.InProcess heldProxy;

  @Test
  void aClientThatReadsNothingMakesTheProxyAskTheBackendForNothingThenOnlyForWhatItReads()
      throws Exception {
    ManagedChannel backend = grpc.startInProcess(b -> b.addService(ServerInterceptors.intercept(
        new VideoService(Proxies.storeOf(VIDEOS)), backendProbe))).channel();
    StreamCollector<Video> reader = StreamCollector.readingOnly(0); // reads nothing at first
    VideoServiceGrpc.newStub(Proxies.proxyTo(grpc, backend))
        .listVideos(ListVideosRequest.getDefaultInstance(), reader);

    ServerCallProbe.Call atBackend = backendProbe.nextCall(WAIT);
    assertTrue(atBackend.awaitPause(WAIT), "the backend found its call not ready");
    assertEquals(0, atBackend.sent.get(), "and wrote none of its " + VIDEOS + " videos");

    reader.request(3);
    for (int i = 0; i < 3; i++) {
      assertEquals(Integer.toString(i), reader.next(WAIT).getId());
    }
    assertEquals(3, atBackend.sent.get(), "three read, three written: none waits in the proxy");
    reader.cancel("enough");
    assertTrue(atBackend.awaitCancelled(WAIT), "the reader's cancel reached the backend");
    assertEquals(3, atBackend.sent.get());
    assertEquals(0, atBackend.sentAfterCancel());
  }

  @Test
  void aBackendThatReadsNothingMakesTheProxyStopReadingTheClient() throws Exception {
    StalledRoutes stalled = new StalledRoutes(0);
    ManagedChannel backend = grpc.startInProcess(b -> b.addService(
        ServerInterceptors.intercept(stalled, backendProbe))).channel();
    ReplyFuture<RouteSummary> summary = new ReplyFuture<>();
    StreamObserver<Point> route =
        RouteGuideGrpc.newStub(Proxies.proxyTo(grpc, backend, proxyProbe)).recordRoute(summary);
    for (int i = 0; i < 1_000; i++) {
      route.onNext(Geo.point(1, 1)); // queued in the client: the proxy reads only on request
    }

    ServerCallProbe.Call atProxy = proxyProbe.nextCall(WAIT);
    ServerCallProbe.Call atBackend = backendProbe.nextCall(WAIT);
    assertTrue(atProxy.awaitReceived(1, WAIT), "the proxy read the first point");
    ServerCallStreamObserver<RouteSummary> backendCall = stalled.call.get(WAIT.toSeconds(),
        TimeUnit.SECONDS);
    assertEquals(0, atBackend.received.get(), "which the backend did not ask for");
    assertEquals(1, atProxy.received.get(), "so the proxy read no second one");

    backendCall.request(5);
    assertTrue(atBackend.awaitReceived(5, WAIT), "the backend got the five it asked for");
    route.onError(Status.CANCELLED.withDescription("done").asException());
    assertTrue(atBackend.awaitCancelled(WAIT), "the client's cancel reached the backend");
    // The proxy's listener heard of the cancel after every message it was given, so the
    // count is final now.
    assertTrue(atProxy.awaitCancelled(WAIT));
    assertEquals(5, atProxy.received.get(), "the proxy read those five, not 1,000");
  }

  @Test
  void aClientCallReadyAtTheStartAndSayingSoAgainHasTheBackendAskedForOneReplyNotTwo()
      throws Exception {
    ManagedChannel backend = grpc.startInProcess(b -> b.addService(ServerInterceptors.intercept(
        new VideoService(Proxies.storeOf(VIDEOS)), backendProbe))).channel();
    CountDownLatch hold = new CountDownLatch(1);
    StreamCollector<Video> reader = StreamCollector.readingOnly(1);
    VideoServiceGrpc.newStub(heldProxyTo(backend, hold))
        .listVideos(ListVideosRequest.getDefaultInstance(), reader);
    hold.countDown(); // the proxy starts a call that is ready at once, then hears onReady

    assertEquals("0", reader.next(WAIT).getId());
    ServerCallProbe.Call atBackend = backendProbe.nextCall(WAIT);
    assertTrue(atBackend.awaitPause(WAIT), "the backend found its call not ready");
    reader.cancel("enough");
    assertTrue(atBackend.awaitCancelled(WAIT));
    assertEquals(1, atBackend.sent.get(), "one reply asked for, one asked of the backend");
  }

  @Test
  void aClientCallReadyFromItsStartIsServedWithoutWaitingForAnOnReady() throws Exception {
    ManagedChannel backend = grpc.startInProcess(b -> b.addService(ServerInterceptors.intercept(
        new VideoService(Proxies.storeOf(VIDEOS)), backendProbe))).channel();
    CountDownLatch hold = new CountDownLatch(1);
    StreamCollector<Video> reader = StreamCollector.readingOnly(1);
    // grpc-java promises onReady only once isReady turns true from false: a call ready from
    // its start may hear none. Here the first onReady is dropped, as such a transport would.
    VideoServiceGrpc.newStub(heldProxyTo(backend, hold, new DropsFirstOnReady()))
        .listVideos(ListVideosRequest.getDefaultInstance(), reader);
    hold.countDown();

    assertEquals("0", reader.next(WAIT).getId(), "the proxy asked the backend at the start");
    reader.cancel("enough");
    assertTrue(backendProbe.nextCall(WAIT).awaitCancelled(WAIT));
  }

  @Test
  void aBackendReadyAtTheStartAndSayingSoAgainHasTheProxyReadOnePointNotTwo()
      throws Exception {
    StalledRoutes stalled = new StalledRoutes(1);
    // Direct executors from the proxy to the backend: the backend asks for its one point, so
    // the proxy's call to it is ready and says so in onReady, while the proxy is still
    // starting that call, before any point arrives; the start has asked the client already.
    String name = grpc.startInProcess(b -> b.directExecutor()
        .addService(ServerInterceptors.intercept(stalled, backendProbe))).name();
    ManagedChannel backend =
        grpc.register(InProcessChannelBuilder.forName(name).directExecutor().build());
    StreamObserver<Point> route = RouteGuideGrpc.newStub(Proxies.proxyTo(grpc, backend,
        proxyProbe)).recordRoute(new ReplyFuture<>());
    for (int i = 0; i < 1_000; i++) {
      route.onNext(Geo.point(1, 1));
    }

    ServerCallProbe.Call atBackend = backendProbe.nextCall(WAIT);
    assertTrue(atBackend.awaitReceived(1, WAIT), "the backend got the point it asked for");
    route.onError(Status.CANCELLED.withDescription("done").asException());
    assertTrue(atBackend.awaitCancelled(WAIT));
    ServerCallProbe.Call atProxy = proxyProbe.nextCall(WAIT);
    assertTrue(atProxy.awaitCancelled(WAIT)); // after every message: the count is final
    assertEquals(1, atProxy.received.get(), "the proxy read that one point, and no second");
  }

  @Test
  void aClientWhoseDeadlinePassesEndsTheBackendsCallToo() throws Exception {
    ManagedChannel backend = grpc.startInProcess(b -> b.addService(ServerInterceptors.intercept(
        new VideoService(Proxies.storeOf(VIDEOS)), backendProbe))).channel();
    StreamCollector<Video> reader = StreamCollector.readingOnly(0);
    VideoServiceGrpc.newStub(Proxies.proxyTo(grpc, backend))
        .withDeadlineAfter(200, TimeUnit.MILLISECONDS)
        .listVideos(ListVideosRequest.getDefaultInstance(), reader);

    assertEquals(Status.Code.DEADLINE_EXCEEDED, reader.awaitStatus(WAIT).getCode());
    ServerCallProbe.Call atBackend = backendProbe.nextCall(WAIT);
    assertTrue(atBackend.awaitCancelled(WAIT), "the backend's call ended with the client's");
    assertEquals(0, atBackend.sent.get());
  }

  /**
   * A proxy to {@code backend} whose server runs its callbacks on one thread, held until
   * {@code hold} opens: a client that asks for a reply at once has done so before the proxy
   * starts its call, which is then ready from its start, and hears onReady about it right
   * after (each alone would have the proxy ask the backend for a reply).
   */
  private Channel heldProxyTo(Channel backend, CountDownLatch hold,
      ServerInterceptor... interceptors) {
    proxyThread.execute(() -> awaitQuietly(hold));
    heldProxy = grpc.startInProcess(b -> {
      b.executor(proxyThread).fallbackHandlerRegistry(new ProxyRegistry(backend));
      for (ServerInterceptor interceptor : interceptors) {
        b.intercept(interceptor);
      }
    });
    return heldProxy.channel();
  }

  @AfterEach
  void stopTheHeldProxyBeforeItsThread() throws InterruptedException {
    // @AfterEach runs before grpc's cleanup: a server must stop before its executor does.
    if (heldProxy != null) {
      heldProxy.channel().shutdownNow();
      heldProxy.server().shutdown().awaitTermination(WAIT.toSeconds(), TimeUnit.SECONDS);
    }
    proxyThread.shutdownNow();
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await(WAIT.toSeconds(), TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Drops the first onReady the proxy's listener would hear, and passes on the rest. */
  private static final class DropsFirstOnReady implements ServerInterceptor {
    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
        ServerCallHandler<Q, R> next) {
      AtomicBoolean dropped = new AtomicBoolean();
      return new SimpleForwardingServerCallListener<>(next.startCall(call, headers)) {
        @Override
        public void onReady() {
          if (!dropped.compareAndSet(false, true)) {
            super.onReady();
          }
        }
      };
    }
  }

  /**
   * A route guide whose RecordRoute reads {@code initial} points, then no more until the test
   * asks for some through the call it hands out: a backend slower than its client.
   */
  private static final class StalledRoutes extends RouteGuideGrpc.RouteGuideImplBase {
    final CompletableFuture<ServerCallStreamObserver<RouteSummary>> call =
        new CompletableFuture<>();
    private final int initial;

    StalledRoutes(int initial) {
      this.initial = initial;
    }

    @Override
    public StreamObserver<Point> recordRoute(StreamObserver<RouteSummary> reply) {
      var observer = (ServerCallStreamObserver<RouteSummary>) reply;
      observer.disableAutoRequest();
      if (initial > 0) {
        observer.request(initial);
      }
      call.complete(observer);
      return new StreamObserver<>() {
        @Override
        public void onNext(Point point) {}

        @Override
        public void onError(Throwable t) {}

        @Override
        public void onCompleted() {
          reply.onCompleted();
        }
      };
    }
  }
}
