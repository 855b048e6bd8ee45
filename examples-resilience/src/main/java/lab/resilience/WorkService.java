package lab.resilience;

import io.grpc.Context;
import io.grpc.Deadline;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import java.util.concurrent.TimeUnit;
import java.time.Duration;
import lab.common.CallContext;
import lab.proto.resilience.WorkGrpc;
import lab.proto.resilience.WorkReply;
import lab.proto.resilience.WorkRequest;

/**
 * Work that takes time, fails on request, and always watches its Context: when the caller's
 * deadline passes or it cancels, the wait ends at once and the cancellation is logged. Needs
 * {@link AttemptCounter} in front of it to tell attempts apart.
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

  @Override
  public void stream(WorkRequest request, StreamObserver<WorkReply> reply) {
    run(request, reply); // one reply, after the work: enough to show a stream's deadline
  }

  @Override
  public StreamObserver<WorkRequest> upload(StreamObserver<WorkReply> reply) {
    return exchange(reply);
  }

  @Override
  public StreamObserver<WorkRequest> exchange(StreamObserver<WorkReply> reply) {
    return new StreamObserver<>() {
      @Override public void onNext(WorkRequest request) {
        try {
          reply.onNext(work(request, "Exchange"));
        } catch (StatusRuntimeException e) {
          reply.onError(e);
        }
      }
      @Override public void onError(Throwable t) {}
      @Override public void onCompleted() {
        reply.onCompleted();
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
    if (previous < request.getFailFirstAttempts()) {
      throw failure(request.getFailCode(), previous);
    }
    long delay = request.getDelayMs() + (previous == 0 ? request.getFirstAttemptDelayMs() : 0);
    if (!waitUnlessCancelled(Duration.ofMillis(delay))) {
      log.cancelled(method);
      throw Status.CANCELLED.withDescription("caller went away").asRuntimeException();
    }
    Deadline deadline = Context.current().getDeadline();
    return WorkReply.newBuilder().setPreviousAttempts(previous)
        .setDeadlineRemainingMs(deadline == null ? -1 : deadline.timeRemaining(TimeUnit.MILLISECONDS))
        .setPayloadBytes(request.getPayload().size())
        .build();
  }

  private static StatusRuntimeException failure(String code, int previous) {
    Status.Code status;
    try {
      status = code.isEmpty() ? Status.Code.UNAVAILABLE : Status.Code.valueOf(code);
    } catch (IllegalArgumentException e) {
      return Status.INVALID_ARGUMENT.withDescription("unknown fail_code " + code)
          .asRuntimeException();
    }
    return Status.fromCode(status)
        .withDescription("failing attempt " + (previous + 1) + " on purpose").asRuntimeException();
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
