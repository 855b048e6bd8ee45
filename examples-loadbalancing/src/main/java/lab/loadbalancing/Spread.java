package lab.loadbalancing;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** How many calls each backend served: the histogram every lesson here prints and asserts. */
public final class Spread {
  private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();

  public void record(String backend) {
    counts.computeIfAbsent(backend, b -> new LongAdder()).increment();
  }

  public long count(String backend) {
    LongAdder adder = counts.get(backend);
    return adder == null ? 0 : adder.sum();
  }

  public long total() {
    return counts.values().stream().mapToLong(LongAdder::sum).sum();
  }

  /** The backends that served at least one call. */
  public int backendsUsed() {
    return (int) counts.values().stream().filter(a -> a.sum() > 0).count();
  }

  /** Backend name to count, sorted by name. */
  public Map<String, Long> counts() {
    Map<String, Long> sorted = new TreeMap<>();
    counts.forEach((backend, adder) -> sorted.put(backend, adder.sum()));
    return sorted;
  }

  /** The histogram of the backends that served calls. */
  public String histogram() {
    return histogram(counts().keySet());
  }

  /** One line per backend with a bar, e.g. {@code backend-1  ##########   100 (33.3%)}. */
  public String histogram(Iterable<String> backends) {
    long total = Math.max(1, total());
    StringBuilder out = new StringBuilder();
    for (String backend : backends) {
      long n = count(backend);
      out.append(String.format("  %-10s %-40s %5d (%4.1f%%)%n", backend,
          "#".repeat((int) (40 * n / total)), n, 100.0 * n / total));
    }
    return out.toString();
  }

  @Override
  public String toString() {
    return counts().toString();
  }
}
