package lab.interop;

import io.grpc.Status;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The observer the streaming cases give an async stub: replies queue up so a case can wait
 * for the next one (ping-pong), and the end of the call becomes a future of its status.
 * Every wait is bounded.
 */
final class Recorder<T> implements ClientResponseObserver<Object, T> {
  private final BlockingQueue<T> queue = new LinkedBlockingQueue<>();
  private final List<T> all = new ArrayList<>();
  private final CompletableFuture<Status> closed = new CompletableFuture<>();
  private volatile ClientCallStreamObserver<Object> call;

  @Override
  public void beforeStart(ClientCallStreamObserver<Object> call) {
    this.call = call;
  }

  @Override
  public void onNext(T reply) {
    synchronized (all) {
      all.add(reply);
    }
    queue.add(reply);
  }

  @Override
  public void onError(Throwable t) {
    closed.complete(Status.fromThrowable(t));
  }

  @Override
  public void onCompleted() {
    closed.complete(Status.OK);
  }

  /** Cancels the call from the client, as the cancel cases do. */
  void cancel(String why) {
    call.cancel(why, null);
  }

  T next(Duration timeout) throws InterruptedException {
    T reply = queue.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    Expect.that(reply != null, "no reply within " + timeout);
    return reply;
  }

  Status awaitClose(Duration timeout) throws Exception {
    try {
      return closed.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      throw new AssertionError("call did not end within " + timeout);
    }
  }

  /** Waits for the call to end OK and returns every reply it brought. */
  List<T> awaitOk(Duration timeout) throws Exception {
    Status status = awaitClose(timeout);
    Expect.that(status.isOk(), "call failed: " + status);
    synchronized (all) {
      return List.copyOf(all);
    }
  }
}
