package lab.multiplex;

import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import lab.idioms.CallContext;
import lab.proto.multiplex.ClockGrpc;
import lab.proto.multiplex.NowReply;
import lab.proto.multiplex.NowRequest;

/**
 * A tiny service of our own, so the multiplex server hosts three unrelated services. Its
 * optional delay holds one of the server's executor threads, like a slow database call
 * would, but ends early when the caller cancels (the wait watches the call's Context).
 * Unary with one small reply: nothing to flow-control.
 */
public final class ClockService extends ClockGrpc.ClockImplBase {
  static final int MAX_DELAY_MS = 60_000;
  private final Clock clock;

  public ClockService(Clock clock) {
    this.clock = clock;
  }

  @Override
  public void now(NowRequest request, StreamObserver<NowReply> reply) {
    if (request.getDelayMs() < 0 || request.getDelayMs() > MAX_DELAY_MS) {
      reply.onError(Status.INVALID_ARGUMENT.withDescription("delay_ms must be 0.." + MAX_DELAY_MS
          + ", was " + request.getDelayMs()).asRuntimeException());
      return;
    }
    try {
      if (!CallContext.waitUnlessCancelled(Duration.ofMillis(request.getDelayMs()))) {
        return; // cancelled or past its deadline: nobody to answer
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      reply.onError(Status.CANCELLED.withDescription("interrupted").asRuntimeException());
      return;
    }
    reply.onNext(NowReply.newBuilder().setTime(Instant.now(clock).toString()).build());
    reply.onCompleted();
  }
}
