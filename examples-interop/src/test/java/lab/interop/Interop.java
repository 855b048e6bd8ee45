package lab.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** What the interop tests share: the case list, soak bounds, and the pass-or-known-gap check. */
final class Interop {
  /** 10 soak calls, none may fail, each within 5 s (they take ~20 ms), all within 60 s. */
  static final ServerUnderTest.Soak SOAK =
      new ServerUnderTest.Soak(10, 0, Duration.ofSeconds(5), Duration.ofSeconds(60));

  private Interop() {}

  static Stream<String> cases() {
    return InteropCases.ALL.keySet().stream();
  }

  static ServerUnderTest target(int port) {
    return new ServerUnderTest("127.0.0.1", port, SOAK);
  }

  /**
   * The Java client runs {@code testCase}: it must pass, or, for a known gap, fail exactly
   * the way the gap says.
   */
  static void check(ServerUnderTest server, String testCase, Map<String, Gaps.Gap> gaps) {
    InteropRunner.Result result = InteropRunner.run(server, List.of(testCase)).get(0);
    Gaps.Gap gap = gaps.get(testCase);
    if (gap == null) {
      assertTrue(result.passed(), testCase + " failed: " + result.detail());
    } else {
      assertFalse(result.passed(), testCase + " passed although the matrix marks it a gap ("
          + gap.reason() + "): update Gaps and the README's matrix");
      assertEquals(gap.symptom(), result.detail(), testCase + " failed, but not for the"
          + " reason of its gap (" + gap.reason() + ")");
      System.err.println("KNOWN GAP " + testCase + ": " + gap.reason() + " -> " + result.detail());
    }
  }
}
