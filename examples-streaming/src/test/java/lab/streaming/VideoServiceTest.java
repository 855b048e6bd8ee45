package lab.streaming;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.ForwardingServerCallListener.SimpleForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import lab.proto.video.ListVideosRequest;
import lab.proto.video.Video;
import lab.proto.video.VideoRequest;
import lab.proto.video.VideoServiceGrpc;
import lab.testing.GrpcCleanupExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import lab.services.VideoStore;
import lab.services.VideoService;

class VideoServiceTest {
  @RegisterExtension
  final GrpcCleanupExtension grpc = new GrpcCleanupExtension();

  /** One permit per request message the service has finished handling. */
  private final Semaphore received = new Semaphore(0);
  private VideoServiceGrpc.VideoServiceBlockingStub blocking;
  private VideoServiceGrpc.VideoServiceStub async;

  @BeforeEach
  void startServerWithTheNotesVideos() {
    var service = ServerInterceptors.intercept(new VideoService(new VideoStore()),
        new ServerInterceptor() { // counts requests the service has taken in, for the gather test
          @Override
          public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call,
              Metadata headers, ServerCallHandler<Q, R> next) {
            return new SimpleForwardingServerCallListener<>(next.startCall(call, headers)) {
              @Override
              public void onMessage(Q message) {
                super.onMessage(message);
                received.release();
              }
            };
          }
        });
    var channel = grpc.startInProcess(b -> b.addService(service)).channel();
    blocking = VideoServiceGrpc.newBlockingStub(channel);
    async = VideoServiceGrpc.newStub(channel);
    blocking.addVideo(notesVideo("2"));
    blocking.addVideo(notesVideo("1"));
  }

  static Video notesVideo(String id) {
    return Video.newBuilder().setId(id).setTitle("Sample Video").setAuthor("John Doe")
        .setUrl("https://example.com/sample.mp4").setDuration(120).build();
  }

  private static VideoRequest id(String id) {
    return VideoRequest.newBuilder().setId(id).build();
  }

  @Test
  void listVideosStreamsEveryVideoInTheOrderAdded() {
    List<String> ids = new ArrayList<>();
    blocking.listVideos(ListVideosRequest.getDefaultInstance()).forEachRemaining(v -> ids.add(v.getId()));

    assertEquals(List.of("2", "1"), ids);
  }

  @Test
  void getVideoPlaysPingPongTheReplyToEachRequestArrivesBeforeTheNextIsSent()
      throws Exception {
    BlockingQueue<String> replies = new LinkedBlockingQueue<>();
    var done = new CompletableFuture<Void>();
    StreamObserver<VideoRequest> requests = async.getVideo(observer(replies, done));

    for (String wanted : List.of("2", "1", "2")) {
      requests.onNext(id(wanted));
      // The next request is sent only after this reply has come back.
      assertEquals(wanted, replies.poll(5, TimeUnit.SECONDS), "reply to " + wanted);
    }
    requests.onCompleted();
    done.get(5, TimeUnit.SECONDS);
    assertTrue(replies.isEmpty());
  }

  @Test
  void getVideosGathersNothingArrivesBeforeHalfCloseThenEverythingInRequestOrder()
      throws Exception {
    BlockingQueue<String> replies = new LinkedBlockingQueue<>();
    var done = new CompletableFuture<Void>();
    StreamObserver<VideoRequest> requests = async.getVideos(observer(replies, done));

    received.drainPermits();
    requests.onNext(id("2"));
    requests.onNext(id("1"));
    assertTrue(received.tryAcquire(2, 5, TimeUnit.SECONDS), "the server has both requests");
    // A whole call on the same channel after that: a reply sent on receipt would be here by now.
    assertEquals("2", blocking.listVideos(ListVideosRequest.getDefaultInstance()).next().getId());
    assertTrue(replies.isEmpty(), "no reply before the client half-closes");
    assertTrue(!done.isDone());

    requests.onCompleted();
    done.get(5, TimeUnit.SECONDS);
    assertEquals(List.of("2", "1"), new ArrayList<>(replies));
  }

  @Test
  void getVideoWithAnUnknownIdEndsTheCallWithNotFoundNamingTheId() {
    var e = assertThrows(StatusRuntimeException.class, () -> {
      BlockingQueue<String> replies = new LinkedBlockingQueue<>();
      var done = new CompletableFuture<Void>();
      StreamObserver<VideoRequest> requests = async.getVideo(observer(replies, done));
      requests.onNext(id("2"));
      requests.onNext(id("42"));
      requests.onCompleted();
      try {
        done.get(5, TimeUnit.SECONDS);
      } catch (java.util.concurrent.ExecutionException ex) {
        assertEquals(List.of("2"), new ArrayList<>(replies), "video 2 was answered first");
        throw (StatusRuntimeException) ex.getCause();
      }
    });

    assertEquals(Status.Code.NOT_FOUND, e.getStatus().getCode());
    assertEquals("no video with id \"42\"", e.getStatus().getDescription());
  }

  @Test
  void getVideosWithAnUnknownIdSendsNoVideoAndEndsWithNotFoundNamingTheId() throws Exception {
    BlockingQueue<String> replies = new LinkedBlockingQueue<>();
    var done = new CompletableFuture<Void>();
    StreamObserver<VideoRequest> requests = async.getVideos(observer(replies, done));
    requests.onNext(id("1"));
    requests.onNext(id("nope"));
    requests.onCompleted();

    var e = assertThrows(java.util.concurrent.ExecutionException.class,
        () -> done.get(5, TimeUnit.SECONDS));
    Status status = Status.fromThrowable(e.getCause());
    assertEquals(Status.Code.NOT_FOUND, status.getCode());
    assertEquals("no video with id \"nope\"", status.getDescription());
    assertTrue(replies.isEmpty());
  }

  @Test
  void addVideoRejectsAnExistingIdWithAlreadyExists() {
    var e = assertThrows(StatusRuntimeException.class, () -> blocking.addVideo(notesVideo("2")));

    assertEquals(Status.Code.ALREADY_EXISTS, e.getStatus().getCode());
    assertEquals("video with id \"2\" already exists", e.getStatus().getDescription());
  }

  @Test
  void addVideoRejectsEachInvalidFieldWithInvalidArgumentNamingIt() {
    assertInvalid(notesVideo("").toBuilder(), "id must not be empty");
    assertInvalid(notesVideo("9").toBuilder().setTitle(""), "title must not be empty");
    assertInvalid(notesVideo("9").toBuilder().setDuration(-5),
        "duration must not be negative, was -5");
    // and the server is still serving, with nothing half-added
    assertEquals(2, countVideos());
  }

  private void assertInvalid(Video.Builder video, String message) {
    var e = assertThrows(StatusRuntimeException.class, () -> blocking.addVideo(video.build()));
    assertEquals(Status.Code.INVALID_ARGUMENT, e.getStatus().getCode());
    assertEquals(message, e.getStatus().getDescription());
  }

  private int countVideos() {
    int[] count = {0};
    blocking.listVideos(ListVideosRequest.getDefaultInstance()).forEachRemaining(v -> count[0]++);
    return count[0];
  }

  static StreamObserver<Video> observer(BlockingQueue<String> ids, CompletableFuture<Void> done) {
    return new StreamObserver<>() {
      @Override public void onNext(Video video) {
        ids.add(video.getId());
      }
      @Override public void onError(Throwable t) {
        done.completeExceptionally(t);
      }
      @Override public void onCompleted() {
        done.complete(null);
      }
    };
  }
}
