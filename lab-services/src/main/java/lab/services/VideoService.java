package lab.services;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import java.util.ArrayList;
import java.util.List;
import lab.idioms.FlowControlledWriter;
import lab.proto.video.AddVideoResponse;
import lab.proto.video.ListVideosRequest;
import lab.proto.video.Video;
import lab.proto.video.VideoRequest;
import lab.proto.video.VideoServiceGrpc;

/**
 * The video service of the notes' lab. Its two bidirectional methods take the same messages
 * and differ only in *when* the server answers, which is the lesson: GetVideos gathers every
 * request and answers after the client half-closes; GetVideo plays ping-pong, one reply per
 * request as soon as it arrives (NOTES.md, "Ping-pong or gather").
 *
 * <p>It also practises flow control in both directions, so a client that stops reading costs
 * the server a window of bytes, never the whole answer: every reply goes out through a
 * {@link FlowControlledWriter} (written only while the call is ready, stopped at once on
 * cancel or deadline), and the bidirectional methods ask for the next request themselves
 * ({@code disableAutoRequest}) instead of letting grpc-java read requests as fast as they come.
 */
public final class VideoService extends VideoServiceGrpc.VideoServiceImplBase {
  /**
   * How many ids one GetVideos call may gather: the gather is held in memory until half-close.
   * Each id is checked as it arrives, so a gather holds at most 1,000 ids of at most
   * {@code VideoStore.Limits.maxIdLength} characters (256 KB), however long the call stays open.
   */
  public static final int MAX_GATHER = 1_000;

  private final VideoStore store;

  public VideoService(VideoStore store) {
    this.store = store;
  }

  @Override
  public void listVideos(ListVideosRequest request, StreamObserver<Video> reply) {
    var writer = FlowControlledWriter.install(reply);
    writer.send(store.snapshot()); // lazily, one video per write, as the reader reads
    writer.complete();
  }

  @Override
  public void addVideo(Video video, StreamObserver<AddVideoResponse> reply) {
    try {
      reply.onNext(AddVideoResponse.newBuilder().setVideo(store.add(video)).build());
      reply.onCompleted();
    } catch (StatusRuntimeException e) {
      reply.onError(e); // INVALID_ARGUMENT, ALREADY_EXISTS or RESOURCE_EXHAUSTED, named
    }
  }

  @Override
  public StreamObserver<VideoRequest> getVideos(StreamObserver<Video> reply) {
    var writer = FlowControlledWriter.installReadingOneAtATime(reply);
    return new StreamObserver<>() {
      private final List<String> requested = new ArrayList<>();

      @Override
      public void onNext(VideoRequest request) {
        if (writer.isClosed()) {
          return;
        }
        if (requested.size() == MAX_GATHER) {
          writer.fail(Status.RESOURCE_EXHAUSTED.withDescription("GetVideos gathers at most "
              + MAX_GATHER + " ids per call; send the rest in another call").asRuntimeException());
          return;
        }
        try {
          store.checkId(request.getId()); // now, not at half-close: a bad id is not kept
        } catch (StatusRuntimeException e) {
          writer.fail(e);
          return;
        }
        requested.add(request.getId()); // gather: nothing is sent yet
        writer.readNext(); // the gather is bounded, so reading on is safe
      }

      @Override
      public void onError(Throwable t) {
        // The client cancelled or failed: the writer has already stopped.
      }

      @Override
      public void onCompleted() {
        // The client half-closed: now every requested video goes back, in request order.
        // Look every id up first, so an unknown id fails the call before any video is sent.
        List<Video> videos;
        try {
          videos = requested.stream().map(store::get).toList();
        } catch (StatusRuntimeException e) {
          writer.fail(e);
          return;
        }
        writer.send(videos.iterator());
        writer.complete();
      }
    };
  }

  @Override
  public StreamObserver<VideoRequest> getVideo(StreamObserver<Video> reply) {
    var writer = FlowControlledWriter.installReadingOneAtATime(reply);
    return new StreamObserver<>() {
      @Override
      public void onNext(VideoRequest request) {
        if (writer.isClosed()) {
          return;
        }
        try {
          writer.send(List.of(store.get(request.getId())).iterator()); // ping-pong: answer now
        } catch (StatusRuntimeException e) {
          writer.fail(e); // NOT_FOUND ends the call
          return;
        }
        // Read the next request only when this reply is on its way: a client that sends
        // requests and never reads replies stops being read from.
        writer.readNextWhenReady();
      }

      @Override
      public void onError(Throwable t) {}

      @Override
      public void onCompleted() {
        writer.complete();
      }
    };
  }
}
