package lab.work;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.Optional;
import lab.proto.work.WorkRequest;
import org.junit.jupiter.api.Test;

class WorkRequestsTest {
  private static WorkRequest failing(String code, int firstAttempts) {
    return WorkRequest.newBuilder().setFailCode(code).setFailFirstAttempts(firstAttempts).build();
  }

  @Test
  void aRequestWithNoFailCodeAndNoAttemptCountSucceeds() {
    assertEquals(Optional.empty(), WorkRequests.failure(WorkRequest.getDefaultInstance(), 0));
  }

  @Test
  void aFailCodeAloneFailsEveryAttemptWithThatCode() {
    for (int previous = 0; previous < 3; previous++) {
      assertEquals(Optional.of(Status.Code.NOT_FOUND),
          WorkRequests.failure(failing("NOT_FOUND", 0), previous), "attempt " + (previous + 1));
    }
  }

  @Test
  void okAsAFailCodeAsksForNoFailure() {
    assertEquals(Optional.empty(), WorkRequests.failure(failing("OK", 0), 0));
    assertEquals(Optional.empty(), WorkRequests.failure(failing("OK", 2), 0));
  }

  @Test
  void failFirstAttemptsFailsOnlyThoseAttemptsWithUnavailableByDefault() {
    WorkRequest twice = failing("", 2);
    assertEquals(Optional.of(Status.Code.UNAVAILABLE), WorkRequests.failure(twice, 0));
    assertEquals(Optional.of(Status.Code.UNAVAILABLE), WorkRequests.failure(twice, 1));
    assertEquals(Optional.empty(), WorkRequests.failure(twice, 2));
  }

  @Test
  void failFirstAttemptsFailsWithTheFailCodeWhenOneIsGiven() {
    WorkRequest once = failing("INVALID_ARGUMENT", 1);
    assertEquals(Optional.of(Status.Code.INVALID_ARGUMENT), WorkRequests.failure(once, 0));
    assertEquals(Optional.empty(), WorkRequests.failure(once, 1));
  }

  @Test
  void aFailCodeThatIsNoStatusCodeIsInvalidArgumentNamingIt() {
    var e = assertThrows(StatusRuntimeException.class,
        () -> WorkRequests.failure(failing("NO_SUCH_CODE", 0), 0));
    assertEquals(Status.Code.INVALID_ARGUMENT, e.getStatus().getCode());
    assertEquals("unknown fail_code NO_SUCH_CODE", e.getStatus().getDescription());
  }

  @Test
  void anUnknownFailCodeIsNotCheckedOnceItsAttemptsArePast() {
    // the attempt that should succeed does not read fail_code at all
    assertEquals(Optional.empty(), WorkRequests.failure(failing("NO_SUCH_CODE", 1), 1));
  }

  @Test
  void splitSendsAtLeastOneReplyAndAtMostTheBound() {
    assertEquals(1, WorkRequests.parts(WorkRequest.getDefaultInstance()));
    assertEquals(1, WorkRequests.parts(WorkRequest.newBuilder().setParts(-5).build()));
    assertEquals(7, WorkRequests.parts(WorkRequest.newBuilder().setParts(7).build()));
    assertEquals(WorkRequests.MAX_PARTS, WorkRequests.parts(
        WorkRequest.newBuilder().setParts(WorkRequests.MAX_PARTS + 1).build()));
  }
}
