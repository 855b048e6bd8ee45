package lab.interop;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.Objects;

/** The checks a case makes; a failed one throws, and the runner reports its message. */
final class Expect {
  private Expect() {}

  static void that(boolean condition, String what) {
    if (!condition) {
      throw new AssertionError(what);
    }
  }

  static void equal(Object expected, Object actual, String what) {
    if (!Objects.equals(expected, actual)) {
      throw new AssertionError(what + ": expected <" + expected + "> but was <" + actual + ">");
    }
  }

  /** Runs {@code call}, which must fail with {@code code}; returns the status it failed with. */
  static Status failsWith(Status.Code code, Runnable call, String what) {
    try {
      call.run();
    } catch (StatusRuntimeException e) {
      equal(code, e.getStatus().getCode(), what + " status code");
      return e.getStatus();
    }
    throw new AssertionError(what + ": expected " + code + " but the call succeeded");
  }
}
