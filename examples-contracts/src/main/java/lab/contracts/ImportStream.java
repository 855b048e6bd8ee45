package lab.contracts;

import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import java.util.List;
import lab.idioms.FlowControlledWriter;

/**
 * ImportVideos, for either version: stores each video sent and answers each one stored. Reads
 * one video at a time and asks for the next only once the answer is written, so a client that
 * sends without reading is not read from either (flow control both ways, bounded memory).
 */
final class ImportStream<V> implements StreamObserver<V> {
  private final Shelf<V> shelf;
  private final FlowControlledWriter<V> writer;

  ImportStream(Shelf<V> shelf, StreamObserver<V> reply) {
    this.shelf = shelf;
    this.writer = FlowControlledWriter.installReadingOneAtATime(reply);
  }

  @Override
  public void onNext(V video) {
    if (writer.isClosed()) {
      return;
    }
    try {
      writer.send(List.of(shelf.add(video)).iterator());
      writer.readNextWhenReady();
    } catch (StatusRuntimeException e) {
      writer.fail(e); // a bad video ends the stream with its status; the server keeps serving
    }
  }

  @Override
  public void onError(Throwable t) {} // the caller left: nothing more to write

  @Override
  public void onCompleted() {
    writer.complete();
  }
}
