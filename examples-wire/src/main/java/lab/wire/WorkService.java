package lab.wire;

import io.grpc.stub.StreamObserver;
import java.time.Duration;
import lab.idioms.CallContext;
import lab.proto.work.WorkGrpc;
import lab.proto.work.WorkReply;
import lab.proto.work.WorkRequest;

/**
 * Waits as long as asked, or until the call's deadline (its grpc-timeout) cancels it. Serves
 * the lab's shared Work contract (lab-protos' work.proto), Run only and only its
 * {@code delay_ms}: this lesson needs work that outlasts a grpc-timeout, nothing more.
 */
public final class WorkService extends WorkGrpc.WorkImplBase {
  @Override
  public void run(WorkRequest request, StreamObserver<WorkReply> reply) {
    try {
      if (!CallContext.waitUnlessCancelled(Duration.ofMillis(request.getDelayMs()))) {
        return; // deadline passed: grpc-java has already answered DEADLINE_EXCEEDED
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return;
    }
    reply.onNext(WorkReply.newBuilder().setWorkedMs(request.getDelayMs()).build());
    reply.onCompleted();
  }
}
