package lab.multiplex;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import lab.proto.multiplex.ClockGrpc;
import lab.proto.multiplex.NowRequest;
import lab.testing.GrpcCleanupExtension;
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
}
