package lab.testing;

import io.grpc.Status;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The observer a test hands to an async stub: it queues every reply (so a test can wait for
 * the next one with a timeout) and turns the end of the call into a future (OK or the call's
 * status). The one place the "StreamObserver into a CompletableFuture" adapter is written.
 * Like grpc-testing's {@code StreamRecorder}, plus per-reply waiting for ping-pong tests.
 *
 * <p>{@link #readingOnly(int)} makes a slow reader instead: it asks for that many replies and
 * no more until the test calls {@link #request(int)}, the client side of flow control.
 */
public final class StreamCollector<T> implements ClientResponseObserver<Object, T> {
  private final BlockingQueue<T> replies = new LinkedBlockingQueue<>();
  private final List<T> all = new ArrayList<>();
  private final CompletableFuture<Void> done = new CompletableFuture<>();
  private final int initialRequests; // < 0: grpc-java requests replies automatically
  private volatile ClientCallStreamObserver<Object> call;

  public StreamCollector() {
    this(-1);
  }

  private StreamCollector(int initialRequests) {
    this.initialRequests = initialRequests;
  }

  /** A collector that asks for {@code replies} replies, then waits for {@link #request}. */
  public static <T> StreamCollector<T> readingOnly(int replies) {
    return new StreamCollector<>(replies);
  }

  @Override
  public void beforeStart(ClientCallStreamObserver<Object> call) {
    this.call = call;
    if (initialRequests >= 0) {
      call.disableAutoRequestWithInitial(initialRequests);
    }
  }

  /** Asks for {@code n} more replies (only meaningful for {@link #readingOnly} collectors). */
  public void request(int n) {
    call.request(n);
  }

  /** Cancels the call from the client side, as a user closing the page would. */
  public void cancel(String why) {
    call.cancel(why, null);
  }

  @Override
  public synchronized void onNext(T reply) {
    all.add(reply);
    replies.add(reply);
  }

  @Override
  public void onError(Throwable t) {
    done.completeExceptionally(t);
  }

  @Override
  public void onCompleted() {
    done.complete(null);
  }

  /** The next reply not yet taken, waiting at most {@code timeout}; fails if none came. */
  public T next(Duration timeout) throws InterruptedException {
    T reply = replies.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
    if (reply == null) {
      throw new AssertionError("no reply within " + timeout);
    }
    return reply;
  }

  /** Every reply so far, in arrival order (taken by {@link #next} or not). */
  public synchronized List<T> replies() {
    return List.copyOf(all);
  }

  /** Completes when the call ends: normally, or exceptionally with its error. */
  public CompletableFuture<Void> done() {
    return done;
  }

  /** Waits for the end of the call and returns its status (OK when it completed normally). */
  public Status awaitStatus(Duration timeout) throws InterruptedException, TimeoutException {
    try {
      done.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
      return Status.OK;
    } catch (ExecutionException e) {
      return Status.fromThrowable(e.getCause());
    }
  }

  /** Waits for a normal end of the call and returns every reply; fails with the call's error. */
  public List<T> awaitReplies(Duration timeout) throws Exception {
    Status status = awaitStatus(timeout);
    if (!status.isOk()) {
      throw status.asException();
    }
    return replies();
  }
}
