package lab.benchmarks.support;

/**
 * How much one benchmark operation moves: enough that an operation's fixed costs (a call, a
 * request) are small next to its messages, few enough that an iteration holds many operations.
 */
public final class PerOperation {
  private PerOperation() {}

  /** Messages per operation: about 2 MiB of payload, at least 64 messages. */
  public static int messages(int size) {
    return Math.max(64, Math.min(131_072, (2 << 20) / size));
  }
}
