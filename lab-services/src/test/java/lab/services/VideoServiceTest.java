package lab.services;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.ServerInterceptors;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import lab.proto.video.ListVideosRequest;
import lab.proto.video.Video;
import lab.proto.video.VideoRequest;
import lab.proto.video.VideoServiceGrpc;
import lab.testing.GrpcCleanupExtension;
import lab.testing.ServerCallProbe;
import lab.testing.StreamCollector;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class VideoServiceTest {
  private static final Duration WAIT = Duration.ofSeconds(5);

  @RegisterExtension
  final GrpcCleanupExtension grpc = new GrpcCleanupExtension();

  /** Watches what the service does with each call: requests taken in, replies written. */
  private final ServerCallProbe probe = new ServerCallProbe();
  private VideoServiceGrpc.VideoServiceBlockingStub blocking;
  private VideoServiceGrpc.VideoServiceStub async;

  @BeforeEach
  void startServerWithTheNotesVideos() throws Exception {
    var service = ServerInterceptors.intercept(new VideoService(new VideoStore()), probe);
    var channel = grpc.startInProcess(b -> b.addService(service)).channel();
    blocking = VideoServiceGrpc.newBlockingStub(channel);
    async = VideoServiceGrpc.newStub(channel);
    blocking.addVideo(notesVideo("2"));
    blocking.addVideo(notesVideo("1"));
    probe.nextCall(WAIT);
    probe.nextCall(WAIT);
  }

  static Video notesVideo(String id) {
    return Video.newBuilder().setId(id).setTitle("Sample Video").setAuthor("John Doe")
        .setUrl("https://example.com/sample.mp4").setDuration(120).build();
  }

  private static VideoRequest id(String id) {
    return VideoRequest.newBuilder().setId(id).build();
  }

  private static List<String> ids(List<Video> videos) {
    return videos.stream().map(Video::getId).toList();
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
    StreamCollector<Video> replies = new StreamCollector<>();
    StreamObserver<VideoRequest> requests = async.getVideo(replies);

    for (String wanted : List.of("2", "1", "2")) {
      requests.onNext(id(wanted));
      // The next request is sent only after this reply has come back.
      assertEquals(wanted, replies.next(WAIT).getId(), "reply to " + wanted);
    }
    requests.onCompleted();
    assertEquals(List.of("2", "1", "2"), ids(replies.awaitReplies(WAIT)), "nothing more");
  }

  @Test
  void getVideosGathersNothingArrivesBeforeHalfCloseThenEverythingInRequestOrder()
      throws Exception {
    StreamCollector<Video> replies = new StreamCollector<>();
    StreamObserver<VideoRequest> requests = async.getVideos(replies);

    requests.onNext(id("2"));
    requests.onNext(id("1"));
    ServerCallProbe.Call call = probe.nextCall(WAIT);
    assertTrue(call.awaitReceived(2, WAIT), "the server has both requests");
    // A whole call on the same channel after that: a reply sent on receipt would be here by now.
    assertEquals("2", blocking.listVideos(ListVideosRequest.getDefaultInstance()).next().getId());
    assertEquals(0, call.sent.get(), "no reply before the client half-closes");
    assertTrue(replies.replies().isEmpty());
    assertTrue(!replies.done().isDone());

    requests.onCompleted();
    assertEquals(List.of("2", "1"), ids(replies.awaitReplies(WAIT)));
  }

  @Test
  void getVideoWithAnUnknownIdEndsTheCallWithNotFoundNamingTheId() throws Exception {
    StreamCollector<Video> replies = new StreamCollector<>();
    StreamObserver<VideoRequest> requests = async.getVideo(replies);
    requests.onNext(id("2"));
    requests.onNext(id("42"));
    requests.onCompleted();

    Status status = replies.awaitStatus(WAIT);
    assertEquals(Status.Code.NOT_FOUND, status.getCode());
    assertEquals("no video with id \"42\"", status.getDescription());
    assertEquals(List.of("2"), ids(replies.replies()), "video 2 was answered first");
  }

  @Test
  void getVideosWithAnUnknownIdSendsNoVideoAndEndsWithNotFoundNamingTheId() throws Exception {
    StreamCollector<Video> replies = new StreamCollector<>();
    StreamObserver<VideoRequest> requests = async.getVideos(replies);
    requests.onNext(id("1"));
    requests.onNext(id("nope"));
    requests.onCompleted();

    Status status = replies.awaitStatus(WAIT);
    assertEquals(Status.Code.NOT_FOUND, status.getCode());
    assertEquals("no video with id \"nope\"", status.getDescription());
    assertTrue(replies.replies().isEmpty());
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
}
