package lab.contracts;

import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.util.Iterator;
import lab.proto.contracts.broken.CatalogGrpc;
import lab.proto.contracts.broken.Video;
import lab.proto.contracts.broken.VideoQuery;

/**
 * A server of the broken contract (proto-broken): number 3 reused as {@code likes}, and
 * GetVideo's request changed to a search by title. Nothing here is wrong as code; the damage is
 * in the contract, and no status code reports it: that is what buf breaking is for.
 */
public final class CatalogBrokenService extends CatalogGrpc.CatalogImplBase {
  private final Shelf<Video> shelf =
      new Shelf<>(video -> Shelf.checkTitle(video.getTitle()),
          (video, id) -> video.toBuilder().setId(id).build());

  @Override
  public void addVideo(Video video, StreamObserver<Video> reply) {
    Answer.with(reply, () -> shelf.add(video));
  }

  /** The first video with this title; an old client's id arrives as an empty title. */
  @Override
  public void getVideo(VideoQuery query, StreamObserver<Video> reply) {
    Answer.with(reply, () -> {
      Shelf.checkTitle(query.getTitle());
      for (Iterator<Video> videos = shelf.all(); videos.hasNext(); ) {
        Video video = videos.next();
        if (video.getTitle().equals(query.getTitle())) {
          return video;
        }
      }
      throw Status.NOT_FOUND.withDescription("no video titled " + query.getTitle())
          .asRuntimeException();
    });
  }
}
