package lab.services;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.ServerInterceptors;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import lab.proto.video.ListVideosRequest;
import lab.proto.video.Video;
import lab.proto.video.VideoRequest;
import lab.proto.video.VideoServiceGrpc;
import lab.testing.GrpcCleanupExtension;
import lab.testing.ServerCallProbe;
import lab.testing.StreamCollector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The video service practises flow control in both directions (in-process, where readiness
 * follows the client's requests exactly, so the counts below are exact bounds).
 */
class VideoServiceFlowControlTest {
  private static final Duration WAIT = Duration.ofSeconds(10);
  private static final int VIDEOS = 20_000;

  @RegisterExtension
  final GrpcCleanupExtension grpc = new GrpcCleanupExtension();
  private final ServerCallProbe probe = new ServerCallProbe();
  private VideoServiceGrpc.VideoServiceStub async;
  private VideoServiceGrpc.VideoServiceBlockingStub blocking;

  private void start(VideoStore store) {
    var channel = grpc.startInProcess(b -> b.addService(
        ServerInterceptors.intercept(new VideoService(store), probe))).channel();
    async = VideoServiceGrpc.newStub(channel);
    blocking = VideoServiceGrpc.newBlockingStub(channel);
  }

  @Test
  void listVideosWritesOnlyWhatTheReaderAsksForAndResumesWhenItAsksAgain() throws Exception {
    start(Videos.storeOf(VIDEOS, 1024));
    StreamCollector<Video> reader = StreamCollector.readingOnly(1);
    async.listVideos(ListVideosRequest.getDefaultInstance(), reader);

    reader.next(WAIT);
    ServerCallProbe.Call call = probe.nextCall(WAIT);
    assertTrue(call.awaitPause(WAIT), "the producer found the call not ready and paused");
    assertEquals(1, call.sent.get(), "one video asked for, one written, not " + VIDEOS);

    reader.request(10); // the on-ready handler resumes the producer
    for (int i = 0; i < 10; i++) {
      reader.next(WAIT);
    }
    reader.cancel("enough");
    assertTrue(call.awaitCancelled(WAIT), "the reader's cancel reached the server");
    assertEquals(11, call.sent.get(), "nothing written past what was asked for");
    assertEquals(0, call.sentAfterCancel(), "nor after the cancel");
  }

  @Test
  void listVideosPastItsDeadlineStopsAtOnceAndTheServerServesTheNextCall() throws Exception {
    start(Videos.storeOf(VIDEOS, 1024));
    StreamCollector<Video> reader = StreamCollector.readingOnly(0);
    async.withDeadlineAfter(50, TimeUnit.MILLISECONDS)
        .listVideos(ListVideosRequest.getDefaultInstance(), reader);

    assertEquals(Status.Code.DEADLINE_EXCEEDED, reader.awaitStatus(WAIT).getCode());
    ServerCallProbe.Call call = probe.nextCall(WAIT);
    assertTrue(call.awaitCancelled(WAIT), "the deadline cancelled the server's side too");
    assertEquals(0, call.sent.get(), "nothing was asked for, so nothing was written");
    assertEquals("new", blocking.addVideo(Videos.sized("new", 16)).getVideo().getId());
  }

  @Test
  void getVideoReadsTheNextRequestOnlyOnceItsReplyCanBeWritten() throws Exception {
    start(Videos.storeOf(10, 1024));
    StreamCollector<Video> reader = StreamCollector.readingOnly(0); // reads no replies
    StreamObserver<VideoRequest> requests = async.getVideo(reader);
    for (int i = 0; i < 1_000; i++) {
      requests.onNext(id("3"));
    }
    ServerCallProbe.Call call = probe.nextCall(WAIT);
    assertTrue(call.awaitPause(WAIT), "the reply to the first request cannot be written");
    assertTrue(call.awaitReceived(1, WAIT)); // the probe counts once the handler returns
    assertEquals(1, call.received.get(), "so the second request was never read");

    reader.request(3);
    for (int i = 0; i < 3; i++) {
      assertEquals("3", reader.next(WAIT).getId());
    }
    // The handler that wrote the third reply has returned: had it asked for a fourth request
    // regardless of readiness, that request is queued ahead of the cancel below.
    assertTrue(call.awaitReceived(3, WAIT));
    requests.onError(Status.CANCELLED.asException()); // the client gives up
    assertTrue(call.awaitCancelled(WAIT));
    assertEquals(3, call.received.get(), "one request read per reply taken, the fourth unread");
  }

  @Test
  void getVideosGathersAtMostItsLimitAndSaysSoWithResourceExhausted() throws Exception {
    start(Videos.storeOf(1, 16));
    StreamCollector<Video> atLimit = new StreamCollector<>();
    StreamObserver<VideoRequest> ok = async.getVideos(atLimit);
    StreamCollector<Video> overLimit = new StreamCollector<>();
    StreamObserver<VideoRequest> tooMany = async.getVideos(overLimit);
    for (int i = 0; i < VideoService.MAX_GATHER; i++) {
      ok.onNext(id("0"));
      tooMany.onNext(id("0"));
    }
    tooMany.onNext(id("0"));
    ok.onCompleted();
    tooMany.onCompleted();

    assertEquals(VideoService.MAX_GATHER, atLimit.awaitReplies(WAIT).size());
    Status status = overLimit.awaitStatus(WAIT);
    assertEquals(Status.Code.RESOURCE_EXHAUSTED, status.getCode());
    assertEquals("GetVideos gathers at most 1000 ids per call; send the rest in another call",
        status.getDescription());
    assertTrue(overLimit.replies().isEmpty());
  }

  @Test
  void getVideosRepliesOnlyAsFastAsTheClientReads() throws Exception {
    start(Videos.storeOf(1, 1024));
    StreamCollector<Video> reader = StreamCollector.readingOnly(2);
    StreamObserver<VideoRequest> requests = async.getVideos(reader);
    for (int i = 0; i < VideoService.MAX_GATHER; i++) {
      requests.onNext(id("0"));
    }
    requests.onCompleted();

    reader.next(WAIT);
    reader.next(WAIT);
    ServerCallProbe.Call call = probe.nextCall(WAIT);
    assertTrue(call.awaitPause(WAIT));
    assertEquals(VideoService.MAX_GATHER, call.received.get(), "every id was gathered");
    assertEquals(2, call.sent.get(), "but only the two replies asked for were written");
    reader.cancel("done");
    assertTrue(call.awaitCancelled(WAIT));
    assertEquals(2, call.sent.get(), "and none after the cancel");
  }

  private static VideoRequest id(String id) {
    return VideoRequest.newBuilder().setId(id).build();
  }
}
