package lab.contracts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.function.Executable;
import lab.proto.contracts.v2.CatalogGrpc;
import lab.proto.contracts.v2.CountVideosRequest;
import lab.proto.contracts.v2.GetVideoRequest;
import lab.proto.contracts.v2.ListVideosRequest;
import lab.proto.contracts.v2.Video;
import lab.testing.GrpcCleanupExtension;
import lab.testing.StreamCollector;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The catalog service itself (version 2; version 1 shares its Shelf and ImportStream): bad
 * input gets a precise status and the server keeps serving, the store is bounded, and the
 * streams answer in order, to a reader that reads at its own pace.
 */
class CatalogServiceTest {
  private static final Duration WAIT = Duration.ofSeconds(20);

  @RegisterExtension
  final GrpcCleanupExtension grpc = new GrpcCleanupExtension();

  private CatalogGrpc.CatalogBlockingStub blocking;
  private CatalogGrpc.CatalogStub async;

  @BeforeEach
  void start() {
    ManagedChannel channel = grpc.inProcessChannel(new CatalogV2Service());
    blocking = CatalogGrpc.newBlockingStub(channel).withDeadlineAfter(20, TimeUnit.SECONDS);
    async = CatalogGrpc.newStub(channel).withDeadlineAfter(20, TimeUnit.SECONDS);
  }

  @Test
  void badInputIsRefusedWithAStatusNamingTheProblemAndTheServerKeepsServing() {
    assertStatus(Status.Code.INVALID_ARGUMENT, "title must be 1..200 characters, got 0",
        () -> blocking.addVideo(Video.getDefaultInstance()));
    assertStatus(Status.Code.INVALID_ARGUMENT, "title must be 1..200 characters, got 201",
        () -> blocking.addVideo(video("x".repeat(201))));
    assertStatus(Status.Code.INVALID_ARGUMENT, "title must be 1..200 characters, got 3",
        () -> blocking.addVideo(video("   ")));
    assertStatus(Status.Code.INVALID_ARGUMENT, "description must be at most 1000 characters,"
        + " got 1001", () -> blocking.addVideo(video("d").toBuilder()
            .setDescription("x".repeat(1001)).build()));
    assertStatus(Status.Code.INVALID_ARGUMENT, "rating must be 0..5 when given, got 6",
        () -> blocking.addVideo(video("r").toBuilder().setRating(6).build()));
    assertStatus(Status.Code.INVALID_ARGUMENT, "rating must be 0..5 when given, got -1",
        () -> blocking.addVideo(video("r").toBuilder().setRating(-1).build()));
    assertStatus(Status.Code.INVALID_ARGUMENT, "id must be 1 or more, got 0",
        () -> blocking.getVideo(GetVideoRequest.getDefaultInstance()));
    assertStatus(Status.Code.NOT_FOUND, "no video 1",
        () -> blocking.getVideo(GetVideoRequest.newBuilder().setId(1).build()));
    assertEquals(1, blocking.addVideo(video("x".repeat(200))).getId());
    assertEquals(2, blocking.addVideo(video("edges").toBuilder().setRating(5)
        .setDescription("x".repeat(1000)).build()).getId());
    assertEquals(3, blocking.addVideo(video("zero").toBuilder().setRating(0).build()).getId());
    assertEquals(3, blocking.countVideos(CountVideosRequest.getDefaultInstance()).getCount());
  }

  @Test
  void theCatalogHoldsAtMostItsLimitAndRefusesMoreWithResourceExhausted() {
    var shelf = new Shelf<Video>(CatalogV2Service::check,
        (v, id) -> v.toBuilder().setId(id).build());
    for (int i = 0; i < Shelf.MAX_VIDEOS; i++) {
      shelf.add(video("v" + i));
    }
    var full = assertThrows(StatusRuntimeException.class, () -> shelf.add(video("one more")));
    assertEquals(Status.Code.RESOURCE_EXHAUSTED, full.getStatus().getCode());
    assertEquals(Shelf.MAX_VIDEOS, shelf.count());
    assertEquals("v0", shelf.remove(1).getTitle());
    assertEquals(Shelf.MAX_VIDEOS + 1, shelf.add(video("room again")).getId());
  }

  @Test
  void listVideosAnswersEveryVideoInIdOrderAsTheReaderAsksForThem() throws Exception {
    for (String title : List.of("a", "b", "c", "d")) {
      blocking.addVideo(video(title));
    }
    var reader = StreamCollector.<Video>readingOnly(2);
    async.listVideos(ListVideosRequest.getDefaultInstance(), reader);
    assertEquals("a", reader.next(WAIT).getTitle());
    assertEquals("b", reader.next(WAIT).getTitle());
    // FlowControlledWriter (lab-idioms, tested there) holds the rest until the reader asks.
    reader.request(10);
    assertEquals(List.of("a", "b", "c", "d"),
        reader.awaitReplies(WAIT).stream().map(Video::getTitle).toList());
  }

  @Test
  void importVideosAnswersEachVideoAndABadOneEndsTheStreamWithInvalidArgument()
      throws Exception {
    var replies = new StreamCollector<Video>();
    var upload = async.importVideos(replies);
    upload.onNext(video("first"));
    assertEquals(1, replies.next(WAIT).getId());
    upload.onNext(Video.getDefaultInstance());
    assertEquals(Status.Code.INVALID_ARGUMENT, replies.awaitStatus(WAIT).getCode());
    assertEquals(1, blocking.countVideos(CountVideosRequest.getDefaultInstance()).getCount());
  }

  @Test
  void importVideosEndsOkWhenTheClientIsDone() throws Exception {
    var replies = new StreamCollector<Video>();
    var upload = async.importVideos(replies);
    upload.onNext(video("one"));
    upload.onNext(video("two"));
    upload.onCompleted();
    assertEquals(List.of(1, 2), replies.awaitReplies(WAIT).stream().map(Video::getId).toList());
    assertEquals(Status.Code.OK, replies.awaitStatus(WAIT).getCode());
  }

  private static Video video(String title) {
    return Video.newBuilder().setTitle(title).build();
  }

  private static void assertStatus(Status.Code code, String description, Executable call) {
    var e = assertThrows(StatusRuntimeException.class, call);
    assertEquals(code, e.getStatus().getCode());
    assertEquals(description, e.getStatus().getDescription());
  }
}
