package lab.interop;

import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import lab.proto.interop.ResponseParameters;
import lab.proto.interop.StreamingOutputCallResponse;

/**
 * The replies of StreamingOutputCall, FullDuplexCall and HalfDuplexCall: one per
 * ResponseParameters, in order, each {@code interval_us} after the previous one, written only
 * while the transport is ready (flow control), compressed or not as each one asks, and
 * dropped as soon as the client cancels. The call ends once the queue is empty and
 * {@link #finish} was called.
 */
final class ResponseStream {
  // Intervals are waited on a timer, not by sleeping on a gRPC thread; one daemon thread is
  // enough for every call of the process.
  private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(
      r -> {
        Thread t = new Thread(r, "interop-response-intervals");
        t.setDaemon(true);
        return t;
      });

  private final ServerCallStreamObserver<StreamingOutputCallResponse> call;
  private final Deque<ResponseParameters> pending = new ArrayDeque<>();
  private Status endWith; // null until the client half-closed or asked for a status
  private boolean waiting; // an interval is running
  private boolean intervalDone; // the head of the queue has waited its interval
  private boolean ended;

  ResponseStream(ServerCallStreamObserver<StreamingOutputCallResponse> call,
      boolean anyCompressed) {
    this.call = call;
    if (anyCompressed) {
      // Must be chosen before the first reply; each reply then says whether it is compressed.
      call.setCompression("gzip");
    }
    call.setOnCancelHandler(this::cancelled);
    call.setOnReadyHandler(this::drain);
  }

  static boolean anyCompressed(List<ResponseParameters> params) {
    return params.stream().anyMatch(p -> p.getCompressed().getValue());
  }

  synchronized void add(List<ResponseParameters> params) {
    pending.addAll(params);
    drain();
  }

  /** Ends the call with {@code status} after every queued reply was sent. */
  synchronized void finish(Status status) {
    if (endWith == null) {
      endWith = status;
    }
    drain();
  }

  synchronized boolean ended() {
    return ended;
  }

  private synchronized void cancelled() {
    ended = true;
    pending.clear();
  }

  private synchronized void drain() {
    while (!ended && !waiting) {
      ResponseParameters next = pending.peek();
      if (next == null) {
        if (endWith != null) {
          ended = true;
          if (endWith.isOk()) {
            call.onCompleted();
          } else {
            call.onError(endWith.asRuntimeException());
          }
        }
        return;
      }
      if (next.getIntervalUs() > 0 && !intervalDone) {
        waiting = true;
        TIMER.schedule(this::intervalElapsed, next.getIntervalUs(), TimeUnit.MICROSECONDS);
        return;
      }
      if (!call.isReady()) {
        return; // the onReady handler drains again
      }
      pending.poll();
      intervalDone = false;
      call.setMessageCompression(next.getCompressed().getValue());
      call.onNext(StreamingOutputCallResponse.newBuilder()
          .setPayload(Payloads.zeros(next.getSize())).build());
    }
  }

  private synchronized void intervalElapsed() {
    waiting = false;
    intervalDone = true;
    drain();
  }
}
