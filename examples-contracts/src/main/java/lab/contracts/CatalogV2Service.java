package lab.contracts;

import io.grpc.stub.StreamObserver;
import lab.idioms.FlowControlledWriter;
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
  private final Shelf<Video> shelf =
      new Shelf<>(Video::getTitle, (video, id) -> video.toBuilder().setId(id).build());

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
    var writer = FlowControlledWriter.install(reply);
    writer.send(shelf.all());
    writer.complete();
  }

  @Override
  public StreamObserver<Video> importVideos(StreamObserver<Video> reply) {
    return new ImportStream<>(shelf, reply);
  }

  @Override
  public void countVideos(CountVideosRequest request, StreamObserver<CountVideosResponse> reply) {
    reply.onNext(CountVideosResponse.newBuilder().setCount(shelf.count()).build());
    reply.onCompleted();
  }
}
