package lab.loadbalancing;

import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import lab.idioms.CallContext;
import lab.proto.loadbalancing.BackendGrpc;
import lab.proto.loadbalancing.WhoamiReply;
import lab.proto.loadbalancing.WhoamiRequest;

/**
 * The backend's one method: optionally work a while, then answer with this backend's name, or,
 * when the lesson made this backend fail, fail every n-th call.
 */
final class WhoamiService extends BackendGrpc.BackendImplBase {
  private static final int MAX_DELAY_MS = 60_000;

  private final String name;
  private final AtomicLong calls = new AtomicLong();
  private volatile int failOneIn;

  WhoamiService(String name) {
    this.name = name;
  }

  /** From now on, every n-th call fails with UNAVAILABLE (0: none fails). */
  void failOneCallIn(int n) {
    if (n < 0) {
      throw new IllegalArgumentException("n must be 0 (never) or more, was " + n);
    }
    failOneIn = n;
  }

  @Override
  public void whoami(WhoamiRequest request, StreamObserver<WhoamiReply> reply) {
    int delay = request.getDelayMs();
    if (delay < 0 || delay > MAX_DELAY_MS) {
      reply.onError(Status.INVALID_ARGUMENT
          .withDescription("delay_ms must be 0.." + MAX_DELAY_MS + ", was " + delay)
          .asRuntimeException());
      return;
    }
    try {
      if (delay > 0 && !CallContext.waitUnlessCancelled(Duration.ofMillis(delay))) {
        return; // the caller is gone: nobody to answer
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      reply.onError(Status.CANCELLED.withDescription("interrupted").asRuntimeException());
      return;
    }
    int n = failOneIn;
    if (n > 0 && calls.incrementAndGet() % n == 0) {
      reply.onError(Status.UNAVAILABLE
          .withDescription(name + " fails one call in " + n + " (the lesson made it fail)")
          .asRuntimeException());
      return;
    }
    reply.onNext(WhoamiReply.newBuilder().setBackend(name).build());
    reply.onCompleted();
  }
}
