package lab.resilience;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import lab.idioms.LabChannel;
import lab.proto.work.FrontendGrpc;
import lab.proto.work.WorkReply;
import lab.proto.work.WorkRequest;
import lab.testing.GrpcCleanupExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The server as its main starts it, over loopback: both hops of the frontend lesson. */
class ResilienceServerTest {
  @RegisterExtension
  final GrpcCleanupExtension grpc = new GrpcCleanupExtension();

  @Test
  void onAPortPickedAtStartTheFrontendStillReachesItsBackendWithTheCallersDeadline()
      throws Exception {
    // --port 0, as the tour starts it: the frontend must call the port the server got.
    ResilienceServer.Running running = ResilienceServer.start(0, 4 * 1024 * 1024);
    grpc.register(running.server().server());
    grpc.register(running.toSelf());

    WorkReply reply;
    try (LabChannel lab = LabChannel.plaintext("127.0.0.1:" + running.server().port())) {
      reply = FrontendGrpc.newBlockingStub(lab.channel()).withDeadlineAfter(20, TimeUnit.SECONDS)
          .run(WorkRequest.getDefaultInstance());
    }

    assertEquals(0, reply.getPreviousAttempts());
    long remaining = reply.getDeadlineRemainingMs();
    assertTrue(remaining > 0 && remaining <= 20_000, "the backend saw " + remaining + " ms left");
  }
}
