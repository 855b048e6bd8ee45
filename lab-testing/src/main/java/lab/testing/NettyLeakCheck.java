package lab.testing;

import io.grpc.netty.shaded.io.netty.buffer.ByteBuf;
import io.grpc.netty.shaded.io.netty.buffer.PooledByteBufAllocator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
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
  static final Logger DETECTOR =
      Logger.getLogger("io.grpc.netty.shaded.io.netty.util.ResourceLeakDetector");
  private final List<String> leaks = new CopyOnWriteArrayList<>();
  private final Handler capture = new Handler() {
    @Override public void publish(LogRecord record) {
      if (String.valueOf(record.getMessage()).contains("LEAK")) {
        leaks.add(record.getMessage());
      }
    }
    @Override public void flush() {}
    @Override public void close() {}
  };

  @Override
  public void beforeAll(ExtensionContext context) {
    DETECTOR.addHandler(capture);
  }

  @Override
  public void afterAll(ExtensionContext context) {
    try {
      for (int round = 0; round < 5 && leaks.isEmpty(); round++) {
        System.gc();
        for (int i = 0; i < 64; i++) { // each tracked allocation polls for collected leaks
          ByteBuf probe = PooledByteBufAllocator.DEFAULT.directBuffer(16);
          probe.release();
        }
      }
    } finally {
      DETECTOR.removeHandler(capture);
    }
    if (!leaks.isEmpty()) {
      throw new AssertionError(leaks.size() + " Netty buffer leak(s) in "
          + context.getDisplayName() + ", the first:\n" + leaks.get(0));
    }
  }
}
