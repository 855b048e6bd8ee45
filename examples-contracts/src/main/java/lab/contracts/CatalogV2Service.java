package lab.contracts;

import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import lab.proto.contracts.v2.CatalogGrpc;
import lab.proto.contracts.v2.GetVideoRequest;
import lab.proto.contracts.v2.ListVideosRequest;
import lab.proto.contracts.v2.CountVideosRequest;
import lab.proto.contracts.v2.CountVideosResponse;
import lab.proto.contracts.v2.Video;

/**
 * The catalog as version 2 of the contract defines it: the "new server" of the lesson. The
 * same code as version 1 but for the methods: CountVideos is new, RetireVideo is gone (a
 * version 1 client calling it gets UNIMPLEMENTED from grpc-java, not from this class). A
 * version 1 client's {@code length_seconds}, a field this version removed, is kept as an
 * unknown field and re-sent, like any field the server does not know.
 */
public final class CatalogV2Service extends CatalogGrpc.CatalogImplBase {
  static final int MAX_DESCRIPTION_CHARS = 1_000;

  private final Shelf<Video> shelf =
      new Shelf<>(CatalogV2Service::check, (video, id) -> video.toBuilder().setId(id).build());

  @Override
  public void addVideo(Video video, StreamObserver<Video> reply) {
    Answer.with(reply, () -> shelf.add(video));
  }

  /** New in v2. */
  @Override
  public void countVideos(CountVideosRequest request, StreamObserver<CountVideosResponse> reply) {
    reply.onNext(CountVideosResponse.newBuilder().setCount(shelf.count()).build());
    reply.onCompleted();
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

  /** v1's check, and v2's for the fields it added: a bounded description, a rating 0..5. */
  static void check(Video video) {
    Shelf.checkTitle(video.getTitle());
    if (video.getDescription().length() > MAX_DESCRIPTION_CHARS) {
      throw Status.INVALID_ARGUMENT.withDescription("description must be at most "
          + MAX_DESCRIPTION_CHARS + " characters, got " + video.getDescription().length())
          .asRuntimeException();
    }
    // Presence lets v2 tell "rated 0" (allowed) from "not rated" (nothing to check).
    if (video.hasRating() && (video.getRating() < 0 || video.getRating() > 5)) {
      throw Status.INVALID_ARGUMENT.withDescription("rating must be 0..5 when given, got "
          + video.getRating()).asRuntimeException();
    }
  }
}
