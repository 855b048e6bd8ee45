package lab.resilience;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.inprocess.InProcessChannelBuilder;
import java.util.List;
import java.util.concurrent.TimeUnit;
import lab.proto.work.WorkGrpc;
import lab.proto.work.WorkReply;
import lab.proto.work.WorkRequest;
import lab.testing.GrpcCleanupExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Service-config driven retries and hedging; attempts counted on the server. */
class RetryAndHedgingTest {
  @RegisterExtension
  final GrpcCleanupExtension grpc = new GrpcCleanupExtension();

  private final WorkLog log = new WorkLog();

  private WorkGrpc.WorkBlockingStub stub(String config) {
    var server = grpc.startInProcess(b -> b.addService(ResilienceServer.work(log)));
    ManagedChannel channel = grpc.register(InProcessChannelBuilder.forName(server.name())
        .defaultServiceConfig(ServiceConfigs.load(config)).enableRetry().build());
    return WorkGrpc.newBlockingStub(channel).withDeadlineAfter(10, TimeUnit.SECONDS);
  }

  private static WorkRequest failFirst(int attempts, String code) {
    return WorkRequest.newBuilder().setFailFirstAttempts(attempts).setFailCode(code).build();
  }

  @Test
  void twoUnavailableFailuresAreRetriedAndTheThirdAttemptAnswers() {
    WorkReply reply = stub(ServiceConfigs.RETRY).run(failFirst(2, "UNAVAILABLE"));

    assertEquals(2, reply.getPreviousAttempts(), "grpc-previous-rpc-attempts on the last try");
    assertEquals(List.of(0, 1, 2), log.attempts(), "three attempts reached the server");
  }

  @Test
  void aNonRetryableCodeIsNotRetried() {
    var e = assertThrows(StatusRuntimeException.class,
        () -> stub(ServiceConfigs.RETRY).run(failFirst(1, "INVALID_ARGUMENT")));

    assertEquals(Status.Code.INVALID_ARGUMENT, e.getStatus().getCode());
    assertEquals(List.of(0), log.attempts());
  }

  @Test
  void retriesStopAtMaxAttemptsAndTheLastFailureIsWhatTheCallerSees() {
    var e = assertThrows(StatusRuntimeException.class,
        () -> stub(ServiceConfigs.RETRY).run(failFirst(10, "UNAVAILABLE")));

    assertEquals(Status.Code.UNAVAILABLE, e.getStatus().getCode());
    assertEquals("failing attempt 4 on purpose", e.getStatus().getDescription());
    assertEquals(List.of(0, 1, 2, 3), log.attempts(), "maxAttempts is 4");
  }

  @Test
  void retryThrottlingStopsRetryingOnceHalfTheTokensAreSpent() {
    var stub = stub(ServiceConfigs.RETRY);
    // maxTokens 10: each failed attempt costs a token; retries stop at 5 tokens or fewer.
    assertThrows(StatusRuntimeException.class, () -> stub.run(failFirst(10, "UNAVAILABLE")));
    assertThrows(StatusRuntimeException.class, () -> stub.run(failFirst(10, "UNAVAILABLE")));

    assertEquals(List.of(0, 1, 2, 3, 0), log.attempts(),
        "the first call used 4 attempts (10 -> 6 tokens), the second got no retry (6 -> 5)");
  }

  @Test
  void aHedgedCallFinishesInTheFastReplicasTimeAndTheSlowAttemptIsCancelled()
      throws Exception {
    var stub = stub(ServiceConfigs.HEDGING);
    long start = System.nanoTime();

    WorkReply reply = stub.run(WorkRequest.newBuilder().setFirstAttemptDelayMs(30_000).build());

    long millis = (System.nanoTime() - start) / 1_000_000;
    // The proof is which attempt answered; the time (~200 ms expected) is only a sanity bound.
    assertTrue(reply.getPreviousAttempts() >= 1, "a hedge answered, not the first attempt");
    assertTrue(millis < 20_000, "finished in " + millis + " ms, not the slow replica's 30,000");
    assertNotNull(log.cancellations().poll(5, TimeUnit.SECONDS), "the slow attempt was cancelled");
  }
}
