package lab.testing;

import io.grpc.netty.shaded.io.netty.buffer.ByteBuf;
import io.grpc.netty.shaded.io.netty.buffer.PooledByteBufAllocator;
import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fails a test class when Netty (the one inside grpc-netty-shaded) reports a leaked buffer
 * while it ran: "LEAK: ByteBuf.release() was not called before it's garbage-collected". A
 * leak is a server that slowly runs out of direct memory under exactly the abuse the tests
 * apply. Netty notices a leak only once the buffer is garbage collected and a later
 * allocation looks, so after the class this collects garbage and allocates before reading
 * the reports. Run with {@code -Dio.grpc.netty.shaded.io.netty.leakDetection.level=paranoid}
 * (every buffer tracked; Netty's default samples 1 in 128).
 */
public final class NettyLeakCheck implements BeforeAllCallback, AfterAllCallback {
  /** Where shaded Netty logs (java.util.logging, under its relocated package name). */
  static final Logger DETECTOR = Logger.getLogger("io.grpc.netty.shaded.io.netty");
  private LogCapture capture;

  @Override
  public void beforeAll(ExtensionContext context) {
    // One instance may serve every class (registered once by autodetection): each class
    // starts with no reports of its own.
    if (capture != null) {
      capture.close();
    }
    capture = LogCapture.attach(Level.ALL, DETECTOR.getName());
  }

  @Override
  public void afterAll(ExtensionContext context) throws InterruptedException {
    try {
      for (int round = 0; round < 3 && leaks().isEmpty(); round++) {
        collectGarbage();
        for (int i = 0; i < 64; i++) { // each tracked allocation polls for collected leaks
          ByteBuf probe = PooledByteBufAllocator.DEFAULT.directBuffer(16);
          probe.release();
        }
      }
    } finally {
      capture.close();
    }
    List<String> leaks = leaks();
    if (!leaks.isEmpty()) {
      throw new AssertionError(leaks.size() + " Netty buffer leak(s) in "
          + context.getDisplayName() + ", the first:\n" + leaks.get(0));
    }
  }

  private List<String> leaks() {
    return capture.messages().stream().filter(m -> String.valueOf(m).contains("LEAK")).toList();
  }

  /**
   * A full collection, and then a wait until the JVM has queued the references it cleared
   * (it does so on a thread of its own): a sentinel's own reference arriving says it has.
   */
  private static void collectGarbage() throws InterruptedException {
    ReferenceQueue<Object> queue = new ReferenceQueue<>();
    WeakReference<Object> sentinel = new WeakReference<>(new Object(), queue);
    for (int i = 0; i < 10 && queue.poll() == null; i++) {
      System.gc();
      if (queue.remove(1_000) != null) {
        break;
      }
    }
    sentinel.clear();
  }
}
