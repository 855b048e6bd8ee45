package lab.streaming;

import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import java.util.ArrayList;
import java.util.List;
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
 */
public final class VideoService extends VideoServiceGrpc.VideoServiceImplBase {
  private final VideoStore store;

  public VideoService(VideoStore store) {
    this.store = store;
  }

  @Override
  public void listVideos(ListVideosRequest request, StreamObserver<Video> reply) {
    store.list().forEach(reply::onNext);
    reply.onCompleted();
  }

  @Override
  public void addVideo(Video video, StreamObserver<AddVideoResponse> reply) {
    try {
      reply.onNext(AddVideoResponse.newBuilder().setVideo(store.add(video)).build());
      reply.onCompleted();
    } catch (StatusRuntimeException e) {
      reply.onError(e); // INVALID_ARGUMENT or ALREADY_EXISTS, with the field or id named
    }
  }

  @Override
  public StreamObserver<VideoRequest> getVideos(StreamObserver<Video> reply) {
    return new StreamObserver<>() {
      private final List<String> requested = new ArrayList<>();

      @Override
      public void onNext(VideoRequest request) {
        requested.add(request.getId()); // gather: nothing is sent yet
      }

      @Override
      public void onError(Throwable t) {
        // The client cancelled or failed; there is nobody to answer.
      }

      @Override
      public void onCompleted() {
        // The client half-closed: now every requested video goes back, in request order.
        // Look every id up first, so an unknown id fails the call before any video is sent.
        List<Video> videos;
        try {
          videos = requested.stream().map(store::get).toList();
        } catch (StatusRuntimeException e) {
          reply.onError(e);
          return;
        }
        videos.forEach(reply::onNext);
        reply.onCompleted();
      }
    };
  }

  @Override
  public StreamObserver<VideoRequest> getVideo(StreamObserver<Video> reply) {
    return new StreamObserver<>() {
      private boolean failed;

      @Override
      public void onNext(VideoRequest request) {
        if (failed) {
          return;
        }
        try {
          reply.onNext(store.get(request.getId())); // ping-pong: answer this request now
        } catch (StatusRuntimeException e) {
          failed = true; // NOT_FOUND ends the call; later requests are ignored
          reply.onError(e);
        }
      }

      @Override
      public void onError(Throwable t) {}

      @Override
      public void onCompleted() {
        if (!failed) {
          reply.onCompleted();
        }
      }
    };
  }
}
