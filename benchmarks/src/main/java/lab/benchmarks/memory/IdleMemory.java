package lab.benchmarks.memory;

import io.grpc.Attributes;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerTransportFilter;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.netty.shaded.io.netty.util.internal.PlatformDependent;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import lab.benchmarks.support.BenchService;
import lab.common.Main;

/**
 * What an idle connection and an idle stream cost a grpc-java server (Netty, defaults),
 * measured: the server runs here, a child JVM (IdleClients) opens N idle connections, then
 * another opens M idle calls on one connection; this JVM counts their arrival on the server
 * side, forces GCs and compares heap after GC plus Netty's direct memory with the empty
 * server's. Prints one RESULT line per case.
 */
public final class IdleMemory {
  static final String USAGE = "usage: java -cp benchmarks.jar lab.benchmarks.memory.IdleMemory"
      + " [--connections N] (default 500) [--streams N] (default 5000)";
  private static final double KIB = 1024;

  /** Bytes per idle connection or stream: on the heap (after GC) and in Netty direct memory. */
  public record Result(String what, int count, double heapKibEach, double directKibEach) {}

  public static void main(String[] args) throws Exception {
    Main.run(args, USAGE, flags -> {
      for (Result r : measure(flags.integer("connections", 500), flags.integer("streams", 5000))) {
        System.out.printf("RESULT idle %s: %d of them, %.2f KiB heap + %.2f KiB direct each%n",
            r.what(), r.count(), r.heapKibEach(), r.directKibEach());
      }
    });
  }

  public static Result[] measure(int connections, int streams) throws Exception {
    AtomicInteger open = new AtomicInteger();
    AtomicInteger calls = new AtomicInteger();
    Server server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
        .addService(new BenchService())
        .addTransportFilter(new ServerTransportFilter() {
          @Override public Attributes transportReady(Attributes attributes) {
            open.incrementAndGet();
            return attributes;
          }
          @Override public void transportTerminated(Attributes attributes) {
            open.decrementAndGet();
          }
        })
        .intercept(new ServerInterceptor() {
          @Override public <Q, A> ServerCall.Listener<Q> interceptCall(ServerCall<Q, A> call,
              Metadata headers, ServerCallHandler<Q, A> next) {
            calls.incrementAndGet();
            return next.startCall(call, headers);
          }
        })
        .build().start();
    try {
      Result perConnection = measureOne(server.getPort(), "connection", connections, 0,
          open, connections, open);
      Result perStream = measureOne(server.getPort(), "stream", 1, streams, calls, streams, open);
      return new Result[] {perConnection, perStream};
    } finally {
      server.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
    }
  }

  private static Result measureOne(int port, String what, int connections, int streams,
      AtomicInteger arrived, int expected, AtomicInteger open) throws Exception {
    long[] before = retained();
    int start = arrived.get();
    Process clients = new ProcessBuilder(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx1g",
        "-cp", System.getProperty("java.class.path"), IdleClients.class.getName(),
        Integer.toString(port), Integer.toString(connections), Integer.toString(streams))
        .redirectOutput(ProcessBuilder.Redirect.INHERIT)
        .redirectError(ProcessBuilder.Redirect.INHERIT).start();
    try {
      long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
      while (arrived.get() - start < expected) {
        if (System.nanoTime() > deadline || !clients.isAlive()) {
          throw new IllegalStateException("only " + (arrived.get() - start) + " of " + expected
              + " idle " + what + "s reached the server");
        }
        TimeUnit.MILLISECONDS.sleep(20); // a main polling a counter, not a test
      }
      long[] after = retained();
      return new Result(what, expected, (after[0] - before[0]) / KIB / expected,
          (after[1] - before[1]) / KIB / expected);
    } finally {
      clients.getOutputStream().close(); // IdleClients exits when its stdin closes
      if (!clients.waitFor(30, TimeUnit.SECONDS)) {
        clients.destroyForcibly();
      }
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (open.get() > 0 && System.nanoTime() < deadline) {
        TimeUnit.MILLISECONDS.sleep(20); // the next case starts from a server with no clients
      }
    }
  }

  /** Heap in use after three full GCs, and Netty's direct memory, in bytes. */
  private static long[] retained() {
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return new long[] {ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(),
        PlatformDependent.usedDirectMemory()};
  }
}
