package lab.interop;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import lab.common.Flags;
import lab.common.Main;

/**
 * The Java interop client, flags as the official clients spell them:
 *
 * <pre>./run examples-interop lab.interop.InteropClient --server_host localhost --server_port 50080
 *     --test_case all</pre>
 *
 * {@code --test_case} takes one spec name, a comma-separated list, or {@code all}. It prints a
 * pass/fail table and exits 1 if any case failed. The soak cases are bounded by
 * {@code --soak_iterations} (10), {@code --soak_max_failures} (0),
 * {@code --soak_per_iteration_max_acceptable_latency_ms} (5000) and
 * {@code --soak_overall_timeout_seconds} (60).
 */
public final class InteropClient {
  static final String USAGE = "usage: ./run examples-interop InteropClient"
      + " [--server_host H] [--server_port N] [--test_case NAME[,NAME...]|all]"
      + " [--soak_iterations N] [--soak_max_failures N]"
      + " [--soak_per_iteration_max_acceptable_latency_ms N] [--soak_overall_timeout_seconds N]";
  private InteropClient() {}

  public static void main(String[] args) throws Exception {
    System.exit(run(args, System.out));
  }

  /** Runs the cases the flags name, prints the table to {@code out}; returns the exit code. */
  static int run(String[] args, PrintStream out) throws InterruptedException {
    Flags flags;
    try {
      flags = Flags.parse(USAGE, args);
    } catch (Flags.UsageException e) {
      System.err.println("error: " + e.getMessage());
      System.err.println(USAGE);
      return Main.USAGE_ERROR;
    }
    ServerUnderTest.Soak soak = new ServerUnderTest.Soak(
        flags.integer("soak_iterations", 10),
        flags.integer("soak_max_failures", 0),
        Duration.ofMillis(flags.integer("soak_per_iteration_max_acceptable_latency_ms", 5000)),
        Duration.ofSeconds(flags.integer("soak_overall_timeout_seconds", 60)));
    List<String> cases = Arrays.asList(flags.string("test_case", "all").split(","));
    List<InteropRunner.Result> results;
    try (ServerUnderTest server = new ServerUnderTest(flags.string("server_host", "localhost"),
        flags.integer("server_port", InteropServer.DEFAULT_PORT), soak)) {
      results = InteropRunner.run(server, cases);
    }
    out.print(table(results));
    return results.stream().allMatch(InteropRunner.Result::passed) ? 0 : 1;
  }

  static String table(List<InteropRunner.Result> results) {
    StringBuilder out = new StringBuilder(
        String.format("%-28s %-6s %8s  %s%n", "test_case", "result", "ms", "detail"));
    for (InteropRunner.Result r : results) {
      out.append(String.format("%-28s %-6s %8d  %s%n",
          r.testCase(), r.passed() ? "PASS" : "FAIL", r.millis(), r.detail()));
    }
    long passed = results.stream().filter(InteropRunner.Result::passed).count();
    out.append(passed).append(" of ").append(results.size()).append(" passed\n");
    return out.toString();
  }
}
