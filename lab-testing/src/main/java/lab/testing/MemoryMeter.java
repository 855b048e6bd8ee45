package lab.testing;

import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;

/**
 * Heap plus direct memory in use by this JVM, after a full collection. Netty keeps gRPC's
 * buffered messages off-heap, so a heap graph alone would miss exactly the memory a stalled
 * reader costs: direct memory is counted both as the JDK sees it and as Netty's own allocator
 * reports it, whichever is larger.
 */
public final class MemoryMeter {
  private MemoryMeter() {}

  public static long usedBytes() {
    System.gc();
    long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    long jdkDirect = ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class).stream()
        .filter(pool -> pool.getName().equals("direct"))
        .mapToLong(BufferPoolMXBean::getMemoryUsed).sum();
    long nettyDirect = io.grpc.netty.shaded.io.netty.util.internal.PlatformDependent
        .usedDirectMemory(); // -1 when Netty leaves the counting to the JDK
    return heap + Math.max(jdkDirect, nettyDirect);
  }

  /**
   * Live heap only, after a full collection: what a service keeps in its own objects. Netty's
   * pooled allocator keeps direct memory it has used for reuse, so after large messages the
   * sum above stays up although nothing holds those buffers.
   */
  public static long heapBytes() {
    System.gc();
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  public static String mib(long bytes) {
    return String.format("%.1f MiB", bytes / (1024.0 * 1024.0));
  }
}
