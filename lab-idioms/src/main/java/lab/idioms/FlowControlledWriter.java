package lab.idioms;

import io.grpc.StatusRuntimeException;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.util.Collections;
import java.util.Iterator;

/**
 * Outbound flow control for one server call, written once so every service of the lab can
 * practise it (NOTES.md, "Producer and consumer: flow control").
 *
 * <p>It writes the next reply only while the call {@code isReady()} (the transport can take it
 * without buffering past its limit), checking readiness <em>before</em> taking the next item
 * from the source, so a reader that does not read costs the server one window of buffered
 * bytes, not the whole answer. When the call is not ready it simply returns; the call's
 * on-ready handler resumes it. When the caller cancels or its deadline passes, it stops at once
 * and drops what was left.
 *
 * <p>Create it when the call starts ({@link #install}: grpc-java accepts the on-ready and
 * on-cancel handlers only then). Every method must run on the call's own callbacks (the
 * handler method, the request observer, on-ready, on-cancel): grpc-java runs those one at a
 * time, so no locking is needed.
 */
public final class FlowControlledWriter<T> {
  private final ServerCallStreamObserver<T> call;
  private Iterator<? extends T> pending = Collections.emptyIterator();
  private Runnable whenReady;
  private boolean completeWhenDrained;
  private boolean closed;

  private FlowControlledWriter(ServerCallStreamObserver<T> call) {
    this.call = call;
  }

  /** Takes over the call's on-ready and on-cancel handlers; call it before the handler returns. */
  public static <T> FlowControlledWriter<T> install(StreamObserver<T> reply) {
    var writer = new FlowControlledWriter<>((ServerCallStreamObserver<T>) reply);
    writer.call.setOnReadyHandler(writer::drain);
    writer.call.setOnCancelHandler(writer::stop); // also stops onNext from throwing CANCELLED
    return writer;
  }

  /**
   * Writes every item of {@code source}, as fast as the reader reads. The source is consumed
   * lazily, one item per write, so it can be a view over a large store rather than a copy.
   * One source at a time: callers that reply to requests ask for the next request only in
   * {@link #whenReady}, so the previous source is always written by then.
   */
  public void send(Iterator<? extends T> source) {
    if (pending.hasNext()) {
      throw new IllegalStateException("the previous source is not written yet");
    }
    pending = source;
    drain();
  }

  /**
   * Runs {@code action} once everything sent so far is written and the call can take more:
   * the moment a request-reply service should ask for the next request (inbound flow control
   * that follows outbound: a client that never reads is never read from again).
   */
  public void whenReady(Runnable action) {
    whenReady = action;
    drain();
  }

  /**
   * Like {@link #install}, and also takes over reading: grpc-java stops requesting messages
   * by itself and the first request is asked for here; the service asks for each later one
   * with {@link #readNext} or {@link #readNextWhenReady}. For a bidi stream that answers each
   * request, this is inbound flow control that follows outbound.
   */
  public static <T> FlowControlledWriter<T> installReadingOneAtATime(StreamObserver<T> reply) {
    var writer = install(reply);
    writer.call.disableAutoRequest();
    writer.call.request(1);
    return writer;
  }

  /** Asks for the next request now (a service that keeps what it reads bounded otherwise). */
  public void readNext() {
    call.request(1);
  }

  /** Asks for the next request once everything sent so far is written and more can be. */
  public void readNextWhenReady() {
    whenReady(this::readNext);
  }

  /** Ends the call with OK once everything sent so far is written. */
  public void complete() {
    completeWhenDrained = true;
    drain();
  }

  /** Ends the call with {@code error} now, dropping anything not yet written. */
  public void fail(StatusRuntimeException error) {
    if (!closed) {
      stop();
      call.onError(error);
    }
  }

  /** True once the call ended, was cancelled or failed: request observers ignore later input. */
  public boolean isClosed() {
    return closed || call.isCancelled();
  }

  private void drain() {
    if (isClosed()) {
      return;
    }
    // Readiness first: never take (or build) the next message when it would only be buffered.
    while (call.isReady() && pending.hasNext()) {
      call.onNext(pending.next());
    }
    if (pending.hasNext()) {
      return; // not ready: the on-ready handler calls drain() again
    }
    if (completeWhenDrained) {
      closed = true;
      call.onCompleted();
    } else if (whenReady != null && call.isReady()) {
      Runnable action = whenReady;
      whenReady = null;
      action.run();
    }
  }

  private void stop() {
    closed = true;
    pending = Collections.emptyIterator();
    whenReady = null;
  }
}
