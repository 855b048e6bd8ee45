package lab.work;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.Optional;
import lab.proto.work.WorkRequest;

/**
 * What a {@link WorkRequest} asks of a server, read one way for every lesson that serves the
 * Work service (work.proto): the resilience and observability servers both fail on request
 * and split replies, and a request must mean the same to both.
 */
public final class WorkRequests {
  /**
   * A bound on Split's replies, so one request cannot make a server stream forever. The
   * servers still write them through flow control: each reply may carry the request's payload.
   */
  public static final int MAX_PARTS = 1_000;

  private WorkRequests() {}

  /**
   * The status code this attempt must fail with, or empty to do the work. With
   * {@code fail_first_attempts} set, only attempts before that count fail ({@code fail_code}
   * or UNAVAILABLE); without it, {@code fail_code} alone decides. A server that does not count
   * attempts passes 0: every call is its first attempt.
   *
   * @throws StatusRuntimeException INVALID_ARGUMENT naming {@code fail_code} when it is no
   *     status code: the caller made a mistake, and should hear which
   */
  public static Optional<Status.Code> failure(WorkRequest request, int previousAttempts) {
    String name = request.getFailCode();
    boolean fail = request.getFailFirstAttempts() > 0
        ? previousAttempts < request.getFailFirstAttempts()
        : !name.isEmpty();
    if (!fail) {
      return Optional.empty();
    }
    if (name.isEmpty()) {
      return Optional.of(Status.Code.UNAVAILABLE); // the code retry policies retry
    }
    Status.Code code;
    try {
      code = Status.Code.valueOf(name);
    } catch (IllegalArgumentException e) {
      throw Status.INVALID_ARGUMENT.withDescription("unknown fail_code " + name)
          .asRuntimeException();
    }
    return code == Status.Code.OK ? Optional.empty() : Optional.of(code);
  }

  /** Split's number of replies: {@code parts}, at least 1 and at most {@link #MAX_PARTS}. */
  public static int parts(WorkRequest request) {
    return Math.min(Math.max(request.getParts(), 1), MAX_PARTS);
  }
}
