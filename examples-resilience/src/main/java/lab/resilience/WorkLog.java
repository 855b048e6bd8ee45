package lab.resilience;

import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;

/** What the Work server saw: every attempt that reached it and every call cancelled on it. */
public final class WorkLog {
  private final List<Integer> attempts = new CopyOnWriteArrayList<>();
  private final BlockingQueue<String> cancellations = new LinkedBlockingQueue<>();

  void attempt(int previousAttempts) {
    attempts.add(previousAttempts);
  }

  void cancelled(String method) {
    cancellations.add(method);
  }

  /** The grpc-previous-rpc-attempts value of each attempt, in arrival order. */
  public List<Integer> attempts() {
    return attempts;
  }

  public BlockingQueue<String> cancellations() {
    return cancellations;
  }
}
