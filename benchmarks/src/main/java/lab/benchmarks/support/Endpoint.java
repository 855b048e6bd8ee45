package lab.benchmarks.support;

import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A BenchService server and a channel to it, over a chosen transport and executor:
 * <ul>
 *   <li>{@code direct}: callbacks run on the transport's own threads; no hand-off at all. Fast,
 *       but a handler that blocks stalls the connection: only for non-blocking handlers.
 *   <li>{@code default}: grpc-java's shared cached pool; each call's callbacks are handed off
 *       to it through a serializing executor, which costs a thread wake-up per batch.
 *   <li>{@code fixed}: a fixed pool of 2 threads (one per core here), the same hand-off.
 * </ul>
 */
public final class Endpoint implements AutoCloseable {
  private final Server server;
  private final ManagedChannel channel;
  private final ExecutorService pool;

  private Endpoint(Server server, ManagedChannel channel, ExecutorService pool) {
    this.server = server;
    this.channel = channel;
    this.pool = pool;
  }

  public ManagedChannel channel() {
    return channel;
  }

  public static Endpoint start(String transport, String executor) throws IOException {
    ExecutorService pool = executor.equals("fixed") ? Executors.newFixedThreadPool(2) : null;
    if (transport.equals("inprocess")) {
      String name = InProcessServerBuilder.generateName();
      var server = InProcessServerBuilder.forName(name).addService(new BenchService());
      var channel = InProcessChannelBuilder.forName(name);
      switch (executor) {
        case "direct" -> { server.directExecutor(); channel.directExecutor(); }
        case "fixed" -> { server.executor(pool); channel.executor(pool); }
        default -> { }
      }
      return new Endpoint(server.build().start(), channel.build(), pool);
    }
    var server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
        .addService(new BenchService());
    switch (executor) {
      case "direct" -> server.directExecutor();
      case "fixed" -> server.executor(pool);
      default -> { }
    }
    Server started = server.build().start();
    var channel = NettyChannelBuilder.forAddress("127.0.0.1", started.getPort()).usePlaintext();
    switch (executor) {
      case "direct" -> channel.directExecutor();
      case "fixed" -> channel.executor(pool);
      default -> { }
    }
    return new Endpoint(started, channel.build(), pool);
  }

  @Override
  public void close() throws InterruptedException {
    channel.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
    server.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
    if (pool != null) {
      pool.shutdownNow();
    }
  }
}
