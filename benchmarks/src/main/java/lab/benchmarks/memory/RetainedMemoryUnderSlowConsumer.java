package lab.benchmarks.memory;

import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.netty.shaded.io.netty.util.internal.PlatformDependent;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import lab.benchmarks.support.BenchService;
import lab.common.Flags;
import lab.common.Main;

/**
 * How much memory a producer holds while streaming to a slow consumer, with flow control and
 * without. The producer (a BenchService server) runs here; the consumer runs in a child JVM
 * and reads at a fixed rate. Every 500 ms this JVM forces a GC and samples what is retained:
 * heap in use after the GC, plus Netty's direct (off-heap) buffers, where gRPC keeps bytes
 * waiting to be written.
 *
 * <p>Flags: {@code --producer flowControlled|naive}, {@code --total-mib N} (default 1024),
 * {@code --size N} (message bytes, default 65536), {@code --consumer-mib-per-s N}
 * (default 64).
 */
public final class RetainedMemoryUnderSlowConsumer {
  private static final double MIB = 1024 * 1024;

  /** Peaks seen while streaming; {@code consumerExit} 0 means every message arrived. */
  public record Result(String producer, double peakHeapMib, double peakDirectMib, double seconds,
      int consumerExit) {}

  static final String USAGE = "usage: java -cp benchmarks.jar"
      + " lab.benchmarks.memory.RetainedMemoryUnderSlowConsumer [--producer flowControlled|naive]"
      + " [--total-mib N] [--size N] [--consumer-mib-per-s N]";

  public static void main(String[] args) throws Exception {
    Main.run(args, USAGE, RetainedMemoryUnderSlowConsumer::report);
  }

  private static void report(Flags flags) throws Exception {
    String producer = flags.string("producer", "flowControlled");
    if (!producer.equals("flowControlled") && !producer.equals("naive")) {
      throw new Flags.UsageException("--producer is flowControlled or naive, not " + producer);
    }
    Result r = measure(producer.equals("flowControlled"),
        flags.integer("size", 65_536), flags.integer("total-mib", 1024),
        flags.string("consumer-mib-per-s", "64"));
    System.out.printf("RESULT producer=%s peak retained heap %.1f MiB, peak netty direct %.1f MiB,"
        + " peak total %.1f MiB, %.1f s, consumer exit %d%n", r.producer(), r.peakHeapMib(),
        r.peakDirectMib(), r.peakHeapMib() + r.peakDirectMib(), r.seconds(), r.consumerExit());
    if (r.consumerExit() != 0) {
      System.exit(r.consumerExit()); // the consumer did not get every message
    }
  }

  public static Result measure(boolean flowControlled, int size, int totalMib, String rate)
      throws Exception {
    int count = (int) (totalMib * MIB / size);
    String producer = flowControlled ? "flowControlled" : "naive";
    Server server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
        .addService(new BenchService()).build().start();
    Process consumer = new ProcessBuilder(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), SlowConsumer.class.getName(),
        Integer.toString(server.getPort()), Integer.toString(size), Integer.toString(count),
        rate, Boolean.toString(flowControlled)).inheritIO().start();
    double peakHeap = 0;
    double peakDirect = 0;
    long start = System.nanoTime();
    System.out.printf("producer=%s, %d messages of %d bytes (%d MiB), consumer %s MiB/s%n",
        producer, count, size, totalMib, rate);
    try {
      while (!consumer.waitFor(500, TimeUnit.MILLISECONDS)) {
        System.gc();
        double heapMib = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / MIB;
        double directMib = PlatformDependent.usedDirectMemory() / MIB;
        peakHeap = Math.max(peakHeap, heapMib);
        peakDirect = Math.max(peakDirect, directMib);
        System.out.printf("t=%5.1fs retained heap %7.1f MiB, netty direct %7.1f MiB%n",
            (System.nanoTime() - start) / 1e9, heapMib, directMib);
      }
    } finally {
      consumer.destroy();
      server.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
    }
    return new Result(producer, peakHeap, peakDirect, (System.nanoTime() - start) / 1e9,
        consumer.exitValue());
  }
}
