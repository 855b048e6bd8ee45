package lab.observability;

import io.grpc.Channel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import lab.proto.work.WorkReply;
import lab.proto.work.WorkRequest;
import lab.proto.work.WorkGrpc;

/**
 * One call of each kind, made to completion and reduced to the status it ended with, so a
 * load generator or a test can make "7 OK, 3 NOT_FOUND" and then check what the metrics say.
 * Every call has a deadline; nothing here waits unbounded.
 */
public final class WorkCalls {
  private static final long DEADLINE_SECONDS = 30;
  private final WorkGrpc.WorkBlockingStub blocking;
  private final WorkGrpc.WorkStub async;

  public WorkCalls(Channel channel) {
    this.blocking = WorkGrpc.newBlockingStub(channel);
    this.async = WorkGrpc.newStub(channel);
  }

  /** A request that asks the server to fail with {@code failCode}, by name; OK asks for none. */
  public static WorkRequest request(String payload, Status.Code failCode) {
    return WorkRequest.newBuilder().setPayload(payload)
        .setFailCode(failCode == Status.Code.OK ? "" : failCode.name()).build();
  }

  public Status.Code run(WorkRequest request) {
    return blocking(() -> deadline(blocking).run(request));
  }

  public Status.Code offload(WorkRequest request) {
    return blocking(() -> deadline(blocking).offload(request));
  }

  /** Server streaming: reads every reply (the call is over only when the stream is). */
  public Status.Code split(WorkRequest request) {
    return blocking(() -> deadline(blocking).split(request).forEachRemaining(reply -> { }));
  }

  public Status.Code collect(List<WorkRequest> requests) {
    return streaming(requests, observer -> deadline(async).collect(observer));
  }

  public Status.Code chat(List<WorkRequest> requests) {
    return streaming(requests, observer -> deadline(async).chat(observer));
  }

  private static <S extends io.grpc.stub.AbstractStub<S>> S deadline(S stub) {
    return stub.withDeadlineAfter(DEADLINE_SECONDS, TimeUnit.SECONDS);
  }

  private static Status.Code blocking(Runnable call) {
    try {
      call.run();
      return Status.Code.OK;
    } catch (StatusRuntimeException e) {
      return e.getStatus().getCode();
    }
  }

  private interface Opener {
    StreamObserver<WorkRequest> open(StreamObserver<WorkReply> replies);
  }

  /** Sends every request, half-closes, and waits for the call to end. */
  private static Status.Code streaming(List<WorkRequest> requests, Opener opener) {
    CompletableFuture<Status.Code> done = new CompletableFuture<>();
    StreamObserver<WorkRequest> out = opener.open(new StreamObserver<>() {
      @Override
      public void onNext(WorkReply reply) {}

      @Override
      public void onError(Throwable t) {
        done.complete(Status.fromThrowable(t).getCode());
      }

      @Override
      public void onCompleted() {
        done.complete(Status.Code.OK);
      }
    });
    requests.forEach(out::onNext); // a handful of small messages: within the flow window
    out.onCompleted();
    try {
      return done.get(DEADLINE_SECONDS + 5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the call", e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("call did not end within its deadline", e);
    }
  }
}
