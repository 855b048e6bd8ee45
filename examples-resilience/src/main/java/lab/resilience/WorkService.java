package lab.resilience;

import io.grpc.Context;
import io.grpc.Deadline;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.time.Duration;
import lab.idioms.CallContext;
import lab.idioms.FlowControlledWriter;
import lab.proto.work.WorkGrpc;
import lab.proto.work.WorkReply;
import lab.proto.work.WorkRequest;
import lab.work.WorkRequests;

/**
 * The lab's shared Work service (lab-protos' work.proto), as this lesson needs it: work that
 * takes time, fails on request, and always watches its Context: when the caller's
 * deadline passes or it cancels, the wait ends at once and the cancellation is logged. Needs
 * {@link AttemptCounter} in front of it to tell attempts apart.
 *
 * <p>Its work blocks a server thread for {@code delay_ms} on purpose (it stands for a slow
 * dependency), so it runs on grpc-java's default executor, never a direct one; the wait ends
 * the moment the call is cancelled, so an abandoned call frees its thread at once.
 */
public final class WorkService extends WorkGrpc.WorkImplBase {
  static final int MAX_DELAY_MS = 60_000;
  private final WorkLog log;

  public WorkService(WorkLog log) {
    this.log = log;
  }

  @Override
  public void run(WorkRequest request, StreamObserver<WorkReply> reply) {
    try {
      WorkReply result = work(request, "Run");
      reply.onNext(result);
      reply.onCompleted();
    } catch (StatusRuntimeException e) {
      reply.onError(e);
    }
  }

  /**
   * Server streaming: the work once, then {@code parts} copies of its reply, written only as
   * fast as the caller reads them.
   */
  @Override
  public void split(WorkRequest request, StreamObserver<WorkReply> reply) {
    var writer = FlowControlledWriter.install(reply);
    try {
      WorkReply result = work(request, "Split"); // a deadline ends the stream during the work
      writer.send(Collections.nCopies(WorkRequests.parts(request), result).iterator());
      writer.complete();
    } catch (StatusRuntimeException e) {
      writer.fail(e);
    }
  }

  /** Client streaming: does the work of every request, then answers once, after half-close. */
  @Override
  public StreamObserver<WorkRequest> collect(StreamObserver<WorkReply> reply) {
    return new StreamObserver<>() {
      private int payloadBytes;
      private boolean failed;

      @Override public void onNext(WorkRequest request) {
        if (failed) {
          return; // the call already ended with an error
        }
        try {
          payloadBytes += work(request, "Collect").getPayloadSize();
        } catch (StatusRuntimeException e) {
          failed = true;
          reply.onError(e);
        }
      }
      @Override public void onError(Throwable t) {}
      @Override public void onCompleted() {
        if (!failed) { // zero requests is a valid collect too: the summary says 0 bytes
          reply.onNext(summary(AttemptCounter.PREVIOUS.get(), payloadBytes));
          reply.onCompleted();
        }
      }
    };
  }

  /**
   * Bidirectional: one reply per request, flow-controlled both ways (the next request is read
   * only when the previous reply can be written), and nothing after the first error.
   */
  @Override
  public StreamObserver<WorkRequest> chat(StreamObserver<WorkReply> reply) {
    var writer = FlowControlledWriter.installReadingOneAtATime(reply);
    return new StreamObserver<>() {
      @Override public void onNext(WorkRequest request) {
        if (writer.isClosed()) {
          return;
        }
        try {
          writer.send(List.of(work(request, "Chat")).iterator());
          writer.readNextWhenReady();
        } catch (StatusRuntimeException e) {
          writer.fail(e);
        }
      }
      @Override public void onError(Throwable t) {}
      @Override public void onCompleted() {
        writer.complete();
      }
    };
  }

  private WorkReply work(WorkRequest request, String method) {
    int previous = AttemptCounter.PREVIOUS.get();
    log.attempt(previous);
    if (request.getDelayMs() < 0 || request.getDelayMs() > MAX_DELAY_MS) {
      throw Status.INVALID_ARGUMENT.withDescription("delay_ms must be 0.." + MAX_DELAY_MS
          + ", was " + request.getDelayMs()).asRuntimeException();
    }
    Optional<Status.Code> failure = WorkRequests.failure(request, previous);
    if (failure.isPresent()) {
      throw Status.fromCode(failure.get())
          .withDescription("failing attempt " + (previous + 1) + " on purpose").asRuntimeException();
    }
    long delay = request.getDelayMs() + (previous == 0 ? request.getFirstAttemptDelayMs() : 0);
    if (!waitUnlessCancelled(Duration.ofMillis(delay))) {
      log.cancelled(method);
      throw Status.CANCELLED.withDescription("caller went away").asRuntimeException();
    }
    return summary(previous, request.getPayloadBytes().size()); // UTF-8 bytes, as sent
  }

  private static WorkReply summary(int previous, int payloadBytes) {
    Deadline deadline = Context.current().getDeadline();
    return WorkReply.newBuilder().setPreviousAttempts(previous)
        .setDeadlineRemainingMs(deadline == null ? -1 : deadline.timeRemaining(TimeUnit.MILLISECONDS))
        .setPayloadSize(payloadBytes)
        .build();
  }

  private static boolean waitUnlessCancelled(Duration time) {
    try {
      return CallContext.waitUnlessCancelled(time);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
