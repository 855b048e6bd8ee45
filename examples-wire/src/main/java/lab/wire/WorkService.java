package lab.wire;

import io.grpc.stub.StreamObserver;
import java.time.Duration;
import lab.common.CallContext;
import lab.proto.wire.WorkReply;
import lab.proto.wire.WorkRequest;
import lab.proto.wire.WorkGrpc;

/** Waits as long as asked, or until the call's deadline (its grpc-timeout) cancels it. */
public final class WorkService extends WorkGrpc.WorkImplBase {
  @Override
  public void doWork(WorkRequest request, StreamObserver<WorkReply> reply) {
    try {
      if (!CallContext.waitUnlessCancelled(Duration.ofMillis(request.getMillis()))) {
        return; // deadline passed: grpc-java has already answered DEADLINE_EXCEEDED
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return;
    }
    reply.onNext(WorkReply.newBuilder().setWorkedMillis(request.getMillis()).build());
    reply.onCompleted();
  }
}
