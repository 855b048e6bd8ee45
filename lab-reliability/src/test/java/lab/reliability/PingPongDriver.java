package lab.reliability;

import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import java.util.concurrent.CompletableFuture;
import lab.proto.video.Video;
import lab.proto.video.VideoRequest;

/**
 * One GetVideo stream driven hard and checked end to end: it sends {@code total} requests as
 * fast as the call is ready for them (a client that respects flow control too), and checks
 * that reply i answers request i. Completes with the number of replies, or fails naming the
 * first reply out of place.
 */
final class PingPongDriver implements ClientResponseObserver<VideoRequest, Video> {
  private final String[] ids;
  private final int total;
  private final CompletableFuture<Integer> done = new CompletableFuture<>();
  private int sent;
  private int received;
  private boolean halfClosed;

  PingPongDriver(String[] ids, int total) {
    this.ids = ids;
    this.total = total;
  }

  CompletableFuture<Integer> done() {
    return done;
  }

  @Override
  public void beforeStart(ClientCallStreamObserver<VideoRequest> requests) {
    // Runs on the call's callback executor, one callback at a time with onNext: no locks.
    requests.setOnReadyHandler(() -> {
      while (requests.isReady() && sent < total) {
        requests.onNext(VideoRequest.newBuilder().setId(ids[sent++ % ids.length]).build());
      }
      if (sent == total && !halfClosed) {
        halfClosed = true;
        requests.onCompleted();
      }
    });
  }

  @Override
  public void onNext(Video video) {
    String expected = ids[received % ids.length];
    if (!video.getId().equals(expected)) {
      done.completeExceptionally(new AssertionError(
          "reply " + received + " is video " + video.getId() + ", expected " + expected));
    }
    received++;
  }

  @Override
  public void onError(Throwable t) {
    done.completeExceptionally(t);
  }

  @Override
  public void onCompleted() {
    done.complete(received);
  }
}
