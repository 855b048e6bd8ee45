package lab.services;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.ServerInterceptors;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
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

/** What VideoService and VideoStore promise in their javadoc, call by call, in-process. */
class VideoServiceContractTest {
  private static final Duration WAIT = Duration.ofSeconds(10);
  private static final String MEGABYTE_ID = "x".repeat(1 << 20);

  @RegisterExtension
  final GrpcCleanupExtension grpc = new GrpcCleanupExtension();
  private final ServerCallProbe probe = new ServerCallProbe();
  private final VideoStore store = new VideoStore();
  private VideoServiceGrpc.VideoServiceStub async;
  private VideoServiceGrpc.VideoServiceBlockingStub blocking;

  @BeforeEach
  void start() {
    IntStream.range(0, 100).forEach(i -> store.add(Videos.sized(Integer.toString(i), 16)));
    var channel = grpc.startInProcess(b -> b.addService(
        ServerInterceptors.intercept(new VideoService(store), probe))).channel();
    async = VideoServiceGrpc.newStub(channel);
    blocking = VideoServiceGrpc.newBlockingStub(channel);
  }

  @Test
  void listVideosStreamsExactlyTheVideosStoredWhenItStartedWhileWritersAddMore()
      throws Exception {
    StreamCollector<Video> reader = StreamCollector.readingOnly(1);
    async.listVideos(ListVideosRequest.getDefaultInstance(), reader);
    assertEquals("0", reader.next(WAIT).getId());
    assertTrue(probe.nextCall(WAIT).awaitPause(WAIT), "the stream is open, paused mid-way");

    // Four writers add 50 videos each, at once, while the stream is open.
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<CompletableFuture<Void>> writers = new ArrayList<>();
      for (int w = 0; w < 4; w++) {
        String prefix = "new-" + w + "-";
        writers.add(CompletableFuture.runAsync(() -> IntStream.range(0, 50)
            .forEach(i -> blocking.addVideo(Videos.sized(prefix + i, 16))), pool));
      }
      CompletableFuture.allOf(writers.toArray(CompletableFuture[]::new))
          .get(WAIT.toSeconds(), TimeUnit.SECONDS);
    } finally {
      pool.shutdownNow();
      assertTrue(pool.awaitTermination(WAIT.toSeconds(), TimeUnit.SECONDS));
    }
    reader.request(1_000);

    List<String> ids = reader.awaitReplies(WAIT).stream().map(Video::getId).toList();
    assertEquals(IntStream.range(0, 100).mapToObj(Integer::toString).toList(), ids,
        "the 100 stored at the start, in the order added, and none of the 200 added since");
    List<Video> now = new ArrayList<>();
    blocking.listVideos(ListVideosRequest.getDefaultInstance()).forEachRemaining(now::add);
    assertEquals(300, now.size(), "the next ListVideos sees every write");
  }

  @Test
  void getVideoWithAnEmptyOrAMegabyteIdIsInvalidArgumentNamingTheLimitNotNotFound()
      throws Exception {
    assertEquals(invalid("id must not be empty"), getVideoStatus(""));
    assertEquals(invalid("id must be at most 128 characters, was 1048576"),
        getVideoStatus(MEGABYTE_ID));
  }

  @Test
  void getVideosWithAnEmptyOrAMegabyteIdAmongGoodOnesIsInvalidArgumentAndSendsNothing()
      throws Exception {
    assertEquals(invalid("id must not be empty"), getVideosStatus("1", "", "2"));
    assertEquals(invalid("id must be at most 128 characters, was 1048576"),
        getVideosStatus("1", MEGABYTE_ID));
  }

  @Test
  void getVideosRefusesAnInvalidIdAsItArrivesNotAtHalfClose() throws Exception {
    // A gather is held until half-close: ids checked only then let one call hold 1,000
    // megabyte-long ids (4 MB each is a valid message) for as long as it stays open.
    StreamCollector<Video> replies = new StreamCollector<>();
    StreamObserver<VideoRequest> requests = async.getVideos(replies);
    requests.onNext(VideoRequest.newBuilder().setId("1").build());
    requests.onNext(VideoRequest.newBuilder().setId(MEGABYTE_ID).build()); // no half-close
    Status status = replies.awaitStatus(WAIT);
    assertEquals(invalid("id must be at most 128 characters, was 1048576"),
        status.getCode() + ": " + status.getDescription());
    assertEquals(List.of(), replies.replies(), "a failed gather sends no partial answer");
  }

  @Test
  void anUnknownIdOfExactlySixtyFourCharactersIsQuotedWhole() throws Exception {
    String id = "q".repeat(64);
    assertEquals("NOT_FOUND: no video with id \"" + id + "\"", getVideoStatus(id));
    assertEquals("NOT_FOUND: no video with id \"" + id + "\"", getVideosStatus("1", id));
  }

  private static String invalid(String description) {
    return "INVALID_ARGUMENT: " + description;
  }

  /** A GetVideo call asking for one good id, then {@code id}; returns "CODE: description". */
  private String getVideoStatus(String id) throws Exception {
    StreamCollector<Video> replies = new StreamCollector<>();
    StreamObserver<VideoRequest> requests = async.getVideo(replies);
    requests.onNext(VideoRequest.newBuilder().setId("7").build());
    requests.onNext(VideoRequest.newBuilder().setId(id).build());
    requests.onCompleted();
    Status status = replies.awaitStatus(WAIT);
    assertEquals(List.of("7"), replies.replies().stream().map(Video::getId).toList(),
        "the good id before it was answered");
    return status.getCode() + ": " + status.getDescription();
  }

  /** A GetVideos call gathering {@code ids}; returns "CODE: description". */
  private String getVideosStatus(String... ids) throws Exception {
    StreamCollector<Video> replies = new StreamCollector<>();
    StreamObserver<VideoRequest> requests = async.getVideos(replies);
    for (String id : ids) {
      requests.onNext(VideoRequest.newBuilder().setId(id).build());
    }
    requests.onCompleted();
    Status status = replies.awaitStatus(WAIT);
    assertEquals(List.of(), replies.replies(), "a failed gather sends no partial answer");
    return status.getCode() + ": " + status.getDescription();
  }
}
