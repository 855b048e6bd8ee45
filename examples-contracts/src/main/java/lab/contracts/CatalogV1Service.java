package lab.contracts;

import io.grpc.stub.StreamObserver;
import lab.proto.contracts.v1.CatalogGrpc;
import lab.proto.contracts.v1.GetVideoRequest;
import lab.proto.contracts.v1.ListVideosRequest;
import lab.proto.contracts.v1.RetireVideoRequest;
import lab.proto.contracts.v1.Video;

/**
 * The catalog as version 1 of the contract defines it: the "old server" of the lesson. It
 * knows nothing of version 2, yet a version 2 client's extra fields survive it, because it
 * stores and re-sends the messages as they arrived ({@code toBuilder()} keeps unknown fields).
 */
public final class CatalogV1Service extends CatalogGrpc.CatalogImplBase {
  private final Shelf<Video> shelf =
      new Shelf<>(video -> Shelf.checkTitle(video.getTitle()),
          (video, id) -> video.toBuilder().setId(id).build());

  @Override
  public void addVideo(Video video, StreamObserver<Video> reply) {
    Answer.with(reply, () -> shelf.add(video));
  }

  @Override
  public void getVideo(GetVideoRequest request, StreamObserver<Video> reply) {
    Answer.with(reply, () -> shelf.get(request.getId()));
  }

  @Override
  public void listVideos(ListVideosRequest request, StreamObserver<Video> reply) {
    shelf.writeAll(reply);
  }

  @Override
  public StreamObserver<Video> importVideos(StreamObserver<Video> reply) {
    return new ImportStream<>(shelf, reply);
  }

  @Override
  public void retireVideo(RetireVideoRequest request, StreamObserver<Video> reply) {
    Answer.with(reply, () -> shelf.remove(request.getId()));
  }
}
