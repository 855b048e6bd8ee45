package lab.docs;

import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The docs use the lessons' fixed default ports (50051, ...). Each block runs in its own network
 * namespace (`unshare -n`, a private loopback), so a lab server someone left running on this
 * machine cannot make a block fail, and a block cannot disturb it. Where namespaces are not
 * allowed the block runs in the machine's network, and says so on the console.
 */
final class Isolation {
  static final List<String> PREFIX = probe();
  static final String LOOPBACK_UP = PREFIX.isEmpty() ? "" : "ip link set lo up && ";

  private Isolation() {}

  private static List<String> probe() {
    for (List<String> prefix : List.of(List.of("unshare", "-n"), List.of("unshare", "-rn"))) {
      try {
        Process p = new ProcessBuilder(concat(prefix, "ip", "link", "set", "lo", "up"))
            .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0) {
          return prefix;
        }
        p.destroyForcibly();
      } catch (Exception e) {
        // not available: try the next, then none
      }
    }
    System.err.println("[lab-docs] no network namespace (unshare -n): blocks use the machine's"
        + " loopback, so a lab server already running on a default port makes them fail");
    return List.of();
  }

  private static List<String> concat(List<String> prefix, String... rest) {
    List<String> all = new java.util.ArrayList<>(prefix);
    all.addAll(List.of(rest));
    return all;
  }
}
