package lab.resilience;

import io.grpc.Channel;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import lab.proto.work.FrontendGrpc;
import lab.proto.work.WorkGrpc;
import lab.proto.work.WorkReply;
import lab.proto.work.WorkRequest;

/**
 * Does its work by calling a backend. Nothing here mentions deadlines or cancellation, and
 * both still propagate: the backend call is made inside the handler's gRPC Context, which
 * carries the caller's deadline and is cancelled when the caller goes away (NOTES.md,
 * "Deadline propagation").
 */
public final class FrontendService extends FrontendGrpc.FrontendImplBase {
  private final WorkGrpc.WorkBlockingStub backend;

  public FrontendService(Channel backendChannel) {
    this.backend = WorkGrpc.newBlockingStub(backendChannel);
  }

  @Override
  public void run(WorkRequest request, StreamObserver<WorkReply> reply) {
    try {
      reply.onNext(backend.run(request));
      reply.onCompleted();
    } catch (StatusRuntimeException e) {
      reply.onError(e); // e.g. DEADLINE_EXCEEDED or CANCELLED, passed on as it came
    }
  }
}
