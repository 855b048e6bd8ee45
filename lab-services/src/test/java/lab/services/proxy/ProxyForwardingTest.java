package lab.services.proxy;

import static lab.services.proxy.Proxies.WAIT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ClientInterceptors;
import io.grpc.Context;
import io.grpc.Deadline;
import io.grpc.ForwardingServerCall.SimpleForwardingServerCall;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.stub.MetadataUtils;
import io.grpc.stub.StreamObserver;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Level;
import lab.idioms.ReplyFuture;
import lab.proto.routeguide.Feature;
import lab.proto.routeguide.Point;
import lab.proto.routeguide.RouteGuideGrpc;
import lab.proto.routeguide.RouteSummary;
import lab.proto.video.AddVideoResponse;
import lab.proto.video.ListVideosRequest;
import lab.proto.video.Video;
import lab.proto.video.VideoRequest;
import lab.proto.video.VideoServiceGrpc;
import lab.routeguide.FeatureDatabase;
import lab.routeguide.Geo;
import lab.services.RouteGuideStreamingService;
import lab.services.VideoService;
import lab.testing.GrpcCleanupExtension;
import lab.testing.LogCapture;
import lab.testing.ServerCallProbe;
import lab.testing.StreamCollector;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Through the proxy, each kind of call gets what the same call gets directly from the backend
 * (the lab's VideoService and route guide, in process): every message both ways, half-close,
 * status with its description, headers and trailers, and the client's deadline.
 */
class ProxyForwardingTest {
  private static final int VIDEOS = 1_000;
  private static final Metadata.Key<String> FROM_CLIENT =
      Metadata.Key.of("x-from-client", Metadata.ASCII_STRING_MARSHALLER);
  private static final Metadata.Key<String> ECHO =
      Metadata.Key.of("x-echo", Metadata.ASCII_STRING_MARSHALLER);
  private static final Metadata.Key<String> TRAILER =
      Metadata.Key.of("x-trailer", Metadata.ASCII_STRING_MARSHALLER);

  @RegisterExtension
  final GrpcCleanupExtension grpc = new GrpcCleanupExtension();
  private final Witness witness = new Witness();
  private final ServerCallProbe backendProbe = new ServerCallProbe();
  private final BlockingQueue<Optional<Deadline>> optionDeadlines = new LinkedBlockingQueue<>();
  private ManagedChannel direct;
  private ManagedChannel proxied;

  @BeforeEach
  void startTheBackendAndAProxyInFrontOfIt() {
    var map = new FeatureDatabase(List.of(feature("one", Geo.point(1, 1)),
        feature("two", Geo.point(2, 2))));
    direct = grpc.startInProcess(b -> b
        .addService(ServerInterceptors.intercept(new VideoService(Proxies.storeOf(VIDEOS)),
            backendProbe))
        .addService(new RouteGuideStreamingService(map))
        .intercept(witness)).channel();
    // The proxy's calls to the backend pass this recorder of the call options they carry.
    ClientInterceptor optionsSeen = new ClientInterceptor() {
      @Override
      public <Q, R> ClientCall<Q, R> interceptCall(MethodDescriptor<Q, R> method,
          CallOptions options, Channel next) {
        optionDeadlines.add(Optional.ofNullable(options.getDeadline()));
        return next.newCall(method, options);
      }
    };
    proxied = Proxies.proxyTo(grpc, ClientInterceptors.intercept(direct, optionsSeen));
  }

  @Test
  void addVideoThroughTheProxyIsStoredInTheBackendAndAnsweredAsADirectCallIs() {
    Video video = Proxies.video("new");
    AddVideoResponse reply = blocking(proxied).addVideo(video);

    assertEquals(AddVideoResponse.newBuilder().setVideo(video).build(), reply);
    Status again = assertThrows(StatusRuntimeException.class,
        () -> blocking(direct).addVideo(video)).getStatus();
    assertEquals(Status.Code.ALREADY_EXISTS, again.getCode(), "the backend stored it");
  }

  @Test
  void listVideosThroughTheProxyStreamsEveryVideoInTheOrderADirectCallGets() {
    List<Video> viaProxy = new ArrayList<>();
    blocking(proxied).listVideos(ListVideosRequest.getDefaultInstance())
        .forEachRemaining(viaProxy::add);
    List<Video> directly = new ArrayList<>();
    blocking(direct).listVideos(ListVideosRequest.getDefaultInstance())
        .forEachRemaining(directly::add);

    assertEquals(VIDEOS, viaProxy.size());
    assertEquals(directly, viaProxy);
  }

  @Test
  void getVideosThroughTheProxyGathersUntilTheClientHalfClosesThenAnswersAsDirect()
      throws Exception {
    StreamCollector<Video> replies = new StreamCollector<>();
    StreamObserver<VideoRequest> requests = VideoServiceGrpc.newStub(proxied).getVideos(replies);
    for (String id : List.of("7", "3", "9")) {
      requests.onNext(id(id));
    }
    ServerCallProbe.Call atBackend = backendProbe.nextCall(WAIT);
    assertTrue(atBackend.awaitReceived(3, WAIT), "all three ids reached the backend");
    assertEquals(List.of(), replies.replies(), "and the gather answers nothing yet");

    requests.onCompleted(); // the half-close the gather waits for, through the proxy
    List<Video> viaProxy = replies.awaitReplies(WAIT);
    assertEquals(List.of("7", "3", "9"), viaProxy.stream().map(Video::getId).toList());
    StreamCollector<Video> directReplies = new StreamCollector<>();
    StreamObserver<VideoRequest> directRequests =
        VideoServiceGrpc.newStub(direct).getVideos(directReplies);
    List.of("7", "3", "9").forEach(i -> directRequests.onNext(id(i)));
    directRequests.onCompleted();
    assertEquals(directReplies.awaitReplies(WAIT), viaProxy);
  }

  @Test
  void getVideoThroughTheProxyAnswersEachRequestBeforeTheNextIsSent() throws Exception {
    StreamCollector<Video> replies = new StreamCollector<>();
    StreamObserver<VideoRequest> requests = VideoServiceGrpc.newStub(proxied).getVideo(replies);
    for (int i = 0; i < 100; i++) {
      String id = Integer.toString(i * 7 % VIDEOS);
      requests.onNext(id(id));
      assertEquals(id, replies.next(WAIT).getId(), "the reply to request " + i);
    }
    requests.onCompleted();
    assertEquals(Status.OK, replies.awaitStatus(WAIT));
  }

  @Test
  void recordRouteThroughTheProxySummarizesTheRouteAsADirectCallDoes() throws Exception {
    RouteSummary viaProxy = recordRoute(proxied);
    RouteSummary directly = recordRoute(direct);

    assertEquals(4, viaProxy.getPointCount());
    assertEquals(directly.getFeatureCount(), viaProxy.getFeatureCount());
    assertEquals(directly.getDistance(), viaProxy.getDistance());
  }

  @Test
  void manyCallsAtOnceThroughTheProxyEachGetEveryVideo() throws Exception {
    List<StreamCollector<Video>> readers = new ArrayList<>();
    for (int i = 0; i < 16; i++) {
      StreamCollector<Video> reader = new StreamCollector<>();
      VideoServiceGrpc.newStub(proxied).listVideos(ListVideosRequest.getDefaultInstance(), reader);
      readers.add(reader);
    }
    for (StreamCollector<Video> reader : readers) {
      assertEquals(VIDEOS, reader.awaitReplies(WAIT).size());
    }
  }

  @Test
  void aBackendErrorReachesTheClientWithItsCodeDescriptionHeadersAndTrailers() throws Exception {
    Ended viaProxy = pingThenMiss(proxied);
    Ended directly = pingThenMiss(direct);

    assertEquals(Status.Code.NOT_FOUND, viaProxy.status.getCode());
    assertEquals(directly.status.getDescription(), viaProxy.status.getDescription());
    assertEquals("42", viaProxy.headers.get(ECHO), "the client's header reached the backend,"
        + " and the backend's header came back");
    assertEquals("from the backend", viaProxy.trailers.get(TRAILER));
  }

  @Test
  void theClientsDeadlineGoesInTheBackendCallsOptionsAndNoneIsInventedWithoutOne()
      throws Exception {
    VideoServiceGrpc.newBlockingStub(proxied).withDeadlineAfter(30, TimeUnit.SECONDS)
        .addVideo(Proxies.video("a"));
    Deadline inOptions = optionDeadlines.poll(WAIT.toSeconds(), TimeUnit.SECONDS).orElse(null);
    Deadline atBackend = witness.deadlines.poll(WAIT.toSeconds(), TimeUnit.SECONDS).orElse(null);
    ReplyFuture<AddVideoResponse> noDeadline = new ReplyFuture<>(); // waited for, bounded
    VideoServiceGrpc.newStub(proxied).addVideo(Proxies.video("b"), noDeadline);
    noDeadline.get(WAIT.toSeconds(), TimeUnit.SECONDS);

    // In the options, not only at the backend: the client's grpc-timeout header is among the
    // headers forwarded, and in process it alone would give the backend a deadline.
    assertNotNull(inOptions, "the proxy's call to the backend has a deadline");
    assertNotNull(atBackend, "and the backend's call has one");
    for (Deadline deadline : List.of(inOptions, atBackend)) {
      long left = deadline.timeRemaining(TimeUnit.MILLISECONDS);
      assertTrue(left > 0 && left <= 30_000, left + " ms left of the client's 30 s");
    }
    assertEquals(Optional.empty(), optionDeadlines.poll(WAIT.toSeconds(), TimeUnit.SECONDS),
        "a call without a deadline has none in the options");
    assertEquals(Optional.empty(), witness.deadlines.poll(WAIT.toSeconds(), TimeUnit.SECONDS),
        "nor at the backend");
  }

  @Test
  void aProxiedCallLeavesTheServersThreadInTheContextItFound() throws Exception {
    // The backend call is made in a Context of the proxy's own (see ProxyCall.start): left
    // attached, grpc-java would find the wrong Context when it detaches the call's, and say so.
    try (LogCapture log = LogCapture.attach(Level.WARNING, "io.grpc").quiet()) {
      blocking(proxied).addVideo(Proxies.video("context"));
      assertEquals(List.of(), log.lines());
    }
  }

  @Test
  void aMethodTheBackendDoesNotServeIsUnimplementedThroughTheProxyAsDirect() {
    HealthCheckRequest check = HealthCheckRequest.getDefaultInstance();
    Status viaProxy = assertThrows(StatusRuntimeException.class,
        () -> Proxies.bounded(HealthGrpc.newBlockingStub(proxied)).check(check)).getStatus();
    Status directly = assertThrows(StatusRuntimeException.class,
        () -> Proxies.bounded(HealthGrpc.newBlockingStub(direct)).check(check)).getStatus();

    assertEquals(Status.Code.UNIMPLEMENTED, viaProxy.getCode());
    assertEquals(directly.getDescription(), viaProxy.getDescription());
    assertEquals("Method not found: grpc.health.v1.Health/Check", viaProxy.getDescription());
  }

  private static VideoServiceGrpc.VideoServiceBlockingStub blocking(Channel channel) {
    return Proxies.bounded(VideoServiceGrpc.newBlockingStub(channel));
  }

  private record Ended(Status status, Metadata headers, Metadata trailers) {}

  /** GetVideo of a stored id (the backend sends its headers), then of a missing one. */
  private static Ended pingThenMiss(Channel channel) throws Exception {
    Metadata sent = new Metadata();
    sent.put(FROM_CLIENT, "42");
    AtomicReference<Metadata> headers = new AtomicReference<>();
    AtomicReference<Metadata> trailers = new AtomicReference<>();
    var stub = VideoServiceGrpc.newStub(channel).withInterceptors(
        MetadataUtils.newAttachHeadersInterceptor(sent),
        MetadataUtils.newCaptureMetadataInterceptor(headers, trailers));
    StreamCollector<Video> replies = new StreamCollector<>();
    StreamObserver<VideoRequest> requests = stub.getVideo(replies);
    requests.onNext(id("1"));
    assertEquals("1", replies.next(WAIT).getId());
    requests.onNext(id("nope"));
    Status status = replies.awaitStatus(WAIT);
    return new Ended(status, headers.get(), trailers.get());
  }

  private static RouteSummary recordRoute(Channel channel) throws Exception {
    ReplyFuture<RouteSummary> summary = new ReplyFuture<>();
    StreamObserver<Point> route = RouteGuideGrpc.newStub(channel).recordRoute(summary);
    for (Point point : List.of(Geo.point(1, 1), Geo.point(2, 2), Geo.point(3, 3),
        Geo.point(1, 1))) {
      route.onNext(point);
    }
    route.onCompleted();
    return summary.get(WAIT.toSeconds(), TimeUnit.SECONDS);
  }

  private static VideoRequest id(String id) {
    return VideoRequest.newBuilder().setId(id).build();
  }

  private static Feature feature(String name, Point where) {
    return Feature.newBuilder().setName(name).setLocation(where).build();
  }

  /**
   * On the backend, for every call: the deadline it arrived with; in its response headers the
   * client's x-from-client header echoed as x-echo; in its trailers one of its own.
   */
  private static final class Witness implements ServerInterceptor {
    final BlockingQueue<Optional<Deadline>> deadlines = new LinkedBlockingQueue<>();

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
        ServerCallHandler<Q, R> next) {
      deadlines.add(Optional.ofNullable(Context.current().getDeadline()));
      String echo = Objects.requireNonNullElse(headers.get(FROM_CLIENT), "none");
      return next.startCall(new SimpleForwardingServerCall<>(call) {
        @Override
        public void sendHeaders(Metadata responseHeaders) {
          responseHeaders.put(ECHO, echo);
          super.sendHeaders(responseHeaders);
        }

        @Override
        public void close(Status status, Metadata trailers) {
          trailers.put(TRAILER, "from the backend");
          super.close(status, trailers);
        }
      }, headers);
    }
  }
}
