package lab.idioms;

import io.grpc.stub.StreamObserver;
import java.util.concurrent.CompletableFuture;

/**
 * An async-stub observer for a call with one reply (unary or client streaming): a
 * CompletableFuture that completes with the reply, or exceptionally with the call's error.
 * Lets a caller wait with a timeout instead of writing the same three callbacks each time.
 */
public final class ReplyFuture<T> extends CompletableFuture<T> implements StreamObserver<T> {
  @Override
  public void onNext(T reply) {
    complete(reply);
  }

  @Override
  public void onError(Throwable t) {
    completeExceptionally(t);
  }

  @Override
  public void onCompleted() {
    // the reply, if any, has already completed the future
  }
}
