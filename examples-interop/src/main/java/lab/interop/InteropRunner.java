package lab.interop;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Runs named cases one after the other against one server and records how each went. */
final class InteropRunner {
  private static final Logger log = Logger.getLogger(InteropRunner.class.getName());

  record Result(String testCase, boolean passed, long millis, String detail) {}

  private InteropRunner() {}

  /** {@code names} are spec names, or the single name "all". Unknown names throw. */
  static List<Result> run(ServerUnderTest server, List<String> names) {
    List<String> chosen =
        names.equals(List.of("all")) ? List.copyOf(InteropCases.ALL.keySet()) : names;
    for (String name : chosen) {
      if (!InteropCases.ALL.containsKey(name)) {
        throw new IllegalArgumentException("unknown test case: " + name
            + " (known: all, " + String.join(", ", InteropCases.ALL.keySet()) + ")");
      }
    }
    List<Result> results = new ArrayList<>();
    for (String name : chosen) {
      long start = System.nanoTime();
      String detail = "";
      boolean passed;
      try {
        InteropCases.ALL.get(name).run(server);
        passed = true;
      } catch (Exception | AssertionError e) {
        passed = false;
        detail = e.getClass().getSimpleName() + ": " + e.getMessage();
        log.log(Level.FINE, name + " failed", e);
      }
      results.add(new Result(name, passed, (System.nanoTime() - start) / 1_000_000, detail));
    }
    return results;
  }
}
