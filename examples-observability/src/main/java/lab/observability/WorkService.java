package lab.observability;

import io.grpc.Context;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.logging.Logger;
import java.util.stream.IntStream;
import lab.idioms.CallContext;
import lab.idioms.FlowControlledWriter;
import lab.proto.work.WorkReply;
import lab.proto.work.WorkRequest;
import lab.proto.work.WorkGrpc;
import lab.work.WorkRequests;

/**
 * The lab's shared Work service (lab-protos' work.proto) as this lesson serves it: one method
 * per RPC kind plus {@code Offload}, each logging what it does and failing with the status
 * code a request's {@code fail_code} names. It never mentions call ids: the
 * ids in its log lines come from the Context ({@link CallIdFormatter}).
 */
public final class WorkService extends WorkGrpc.WorkImplBase {
  private static final Logger log = Logger.getLogger(WorkService.class.getName());
  private final Executor offloadPool;

  /** {@code offloadPool} runs Offload's work, on threads that are not the call's. */
  public WorkService(Executor offloadPool) {
    this.offloadPool = offloadPool;
  }

  @Override
  public void run(WorkRequest request, StreamObserver<WorkReply> replies) {
    log.info(() -> "Run: " + request.getPayload());
    answer(request, 0, replies);
  }

  @Override
  public void split(WorkRequest request, StreamObserver<WorkReply> replies) {
    int parts = WorkRequests.parts(request); // bounded: see WorkRequests.MAX_PARTS
    log.info(() -> "Split: " + request.getPayload() + " into " + parts);
    var writer = FlowControlledWriter.install(replies); // each reply carries the payload
    if (fails(request, replies) || !worked(request, replies)) {
      return;
    }
    // Made one at a time, as the caller reads: never parts × payload in memory at once.
    writer.send(IntStream.range(0, parts).mapToObj(i -> reply(request, i)).iterator());
    writer.complete();
  }

  @Override
  public StreamObserver<WorkRequest> collect(StreamObserver<WorkReply> reply) {
    return new StreamObserver<>() {
      int count;
      boolean failed;

      @Override
      public void onNext(WorkRequest request) {
        log.info(() -> "Collect: got " + request.getPayload());
        count++;
        failed = failed || fails(request, reply);
      }

      @Override
      public void onError(Throwable t) {
        log.info(() -> "Collect: caller went away: " + Status.fromThrowable(t).getCode());
      }

      @Override
      public void onCompleted() {
        // After a failure the call is already closed; whether this half-close still arrives
        // is a race, so nothing is logged for it.
        if (!failed) {
          log.info(() -> "Collect: " + count + " requests, replying");
          reply.onNext(WorkReply.newBuilder().setPayload("collected").setIndex(count).build());
          reply.onCompleted();
        }
      }
    };
  }

  @Override
  public StreamObserver<WorkRequest> chat(StreamObserver<WorkReply> replies) {
    // One reply per request: read the next request only once this reply can be written.
    var writer = FlowControlledWriter.installReadingOneAtATime(replies);
    return new StreamObserver<>() {
      int index;
      boolean failed;

      @Override
      public void onNext(WorkRequest request) {
        log.info(() -> "Chat: got " + request.getPayload());
        if (!failed && !(failed = fails(request, replies))) {
          writer.send(List.of(reply(request, index++)).iterator());
          writer.readNextWhenReady();
        }
      }

      @Override
      public void onError(Throwable t) {
        log.info(() -> "Chat: caller went away: " + Status.fromThrowable(t).getCode());
      }

      @Override
      public void onCompleted() {
        if (!failed) { // as in Collect: after a failure, nothing left to do or say
          log.info(() -> "Chat: caller is done after " + index + " replies");
          writer.complete();
        }
      }
    };
  }

  @Override
  public void offload(WorkRequest request, StreamObserver<WorkReply> replies) {
    log.info(() -> "Offload: handing " + request.getPayload() + " to the pool");
    // Context.wrap carries this call's Context (deadline, cancellation, call id) to the pool
    // thread; a plain execute() would run the task with no Context, and lose the call id.
    offloadPool.execute(Context.current().wrap(() -> {
      log.info(() -> "Offload: working on " + request.getPayload() + " in the pool");
      answer(request, 0, replies);
    }));
  }

  private static void answer(WorkRequest request, int index, StreamObserver<WorkReply> replies) {
    if (!fails(request, replies) && worked(request, replies)) {
      replies.onNext(reply(request, index));
      replies.onCompleted();
    }
  }

  /** Fails the call with the code the request asks for, if any; says whether it did. */
  private static boolean fails(WorkRequest request, StreamObserver<WorkReply> replies) {
    Optional<Status.Code> asked;
    try {
      // No retry policy here, so no attempts to count: every call is its first attempt.
      asked = WorkRequests.failure(request, 0);
    } catch (StatusRuntimeException e) { // a fail_code that is no status code
      log.info(() -> "failing with INVALID_ARGUMENT: " + e.getStatus().getDescription());
      replies.onError(e);
      return true;
    }
    if (asked.isEmpty()) {
      return false;
    }
    Status.Code code = asked.get();
    log.info(() -> "failing with " + code + ", as asked");
    replies.onError(Status.fromCode(code).withDescription("failed as asked").asRuntimeException());
    return true;
  }

  /** The request's simulated work; false if the caller went away meanwhile. */
  private static boolean worked(WorkRequest request, StreamObserver<WorkReply> replies) {
    try {
      if (CallContext.waitUnlessCancelled(Duration.ofMillis(request.getDelayMs()))) {
        return true;
      }
      log.info("caller went away during the work; stopping");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      replies.onError(Status.CANCELLED.withDescription("interrupted").asRuntimeException());
    }
    return false;
  }

  private static WorkReply reply(WorkRequest request, int index) {
    return WorkReply.newBuilder().setPayload("done: " + request.getPayload())
        .setIndex(index).build();
  }
}
