package lab.idioms;

import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import java.util.ArrayList;
import java.util.List;

/**
 * A server call's reply side without a transport: the test decides when it is ready, fires
 * its on-ready and on-cancel handlers, and reads what was written and how many requests were
 * asked for.
 */
final class FakeServerCall<T> extends ServerCallStreamObserver<T> {
  final List<Object> written = new ArrayList<>();
  int requested;
  boolean autoRequest = true;
  private int readyFor; // how many more messages the transport takes before it is not ready
  private boolean cancelled;
  private Runnable onReady = () -> {};
  private Runnable onCancel;

  /** The reader made room for {@code messages} more, and the transport says so. */
  void makeRoom(int messages) {
    readyFor = messages;
    onReady.run();
  }

  /** The client cancelled: the transport marks the call, then runs the on-cancel handler. */
  void cancel() {
    markCancelled();
    if (onCancel != null) {
      onCancel.run();
    }
  }

  /** The first half of a cancellation, as a writer on another thread may see it. */
  void markCancelled() {
    cancelled = true;
  }

  @Override public boolean isReady() {
    return readyFor > 0 && !cancelled;
  }

  /** As grpc-java's: a write to a cancelled call throws unless an on-cancel handler is set. */
  @Override public void onNext(T value) {
    if (cancelled) {
      if (onCancel == null) {
        throw Status.CANCELLED.withDescription("call already cancelled").asRuntimeException();
      }
      return;
    }
    if (readyFor > 0) {
      readyFor--;
    }
    written.add(value);
  }

  @Override public void onError(Throwable t) {
    written.add(t);
  }

  @Override public void onCompleted() {
    written.add("completed");
  }

  @Override public boolean isCancelled() {
    return cancelled;
  }

  @Override public void setOnReadyHandler(Runnable handler) {
    onReady = handler;
  }

  @Override public void setOnCancelHandler(Runnable handler) {
    onCancel = handler;
  }

  @Override public void disableAutoRequest() {
    autoRequest = false;
  }

  @Override public void disableAutoInboundFlowControl() {
    autoRequest = false;
  }

  @Override public void request(int count) {
    requested += count;
  }

  @Override public void setCompression(String compression) {}

  @Override public void setMessageCompression(boolean enable) {}
}
