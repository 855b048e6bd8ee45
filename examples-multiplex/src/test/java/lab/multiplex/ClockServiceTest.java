package lab.multiplex;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import lab.proto.multiplex.ClockGrpc;
import lab.proto.multiplex.NowReply;
import lab.proto.multiplex.NowRequest;
import lab.testing.GrpcCleanupExtension;
import lab.testing.StreamCollector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ClockServiceTest {
  @RegisterExtension
  final GrpcCleanupExtension grpc = new GrpcCleanupExtension();

  private final ClockGrpc.ClockBlockingStub clock = ClockGrpc.newBlockingStub(
      grpc.inProcessChannel(new ClockService(
          Clock.fixed(Instant.parse("2026-11-25T05:30:00Z"), ZoneOffset.UTC))));

  @Test
  void nowAnswersTheServersTimeInIso8601() {
    assertEquals("2026-11-25T05:30:00Z", clock.now(NowRequest.getDefaultInstance()).getTime());
  }

  @Test
  void aDelayOutsideTheAllowedRangeIsInvalidArgumentNamingTheField() {
    var e = assertThrows(StatusRuntimeException.class,
        () -> clock.now(NowRequest.newBuilder().setDelayMs(-1).build()));

    assertEquals(Status.Code.INVALID_ARGUMENT, e.getStatus().getCode());
    assertEquals("delay_ms must be 0..60000, was -1", e.getStatus().getDescription());
  }

  @Test
  void anInterruptedWaitAnswersCancelledAndKeepsTheInterrupt() throws Exception {
    var service = new ClockService(Clock.systemUTC());
    StreamCollector<NowReply> reply = new StreamCollector<>();

    // As a server executor shut down with shutdownNow does to a handler that is waiting.
    Thread.currentThread().interrupt();
    try {
      service.now(NowRequest.newBuilder().setDelayMs(60_000).build(), reply);
    } finally {
      // Thread.interrupted() clears the flag, so no later test inherits it.
      assertTrue(Thread.interrupted(), "the interrupt is kept for the thread's owner to see");
    }

    Status status = reply.awaitStatus(Duration.ofSeconds(5));
    assertEquals(Status.Code.CANCELLED, status.getCode());
    assertEquals("interrupted", status.getDescription());
  }
}
