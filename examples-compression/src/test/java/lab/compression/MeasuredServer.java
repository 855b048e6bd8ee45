package lab.compression;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import java.io.IOException;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import lab.testing.GrpcCleanupExtension;

/**
 * The lesson's server over real Netty on an ephemeral loopback port (compression is a wire
 * matter, so no in-process transport here), with both ends measured: every finished call's
 * {@link CallBytes} lands in a queue, one for the server's view and one for the clients'.
 */
final class MeasuredServer {
  private final GrpcCleanupExtension grpc;
  private final int port;
  private final BlockingQueue<CallBytes> serverCalls;
  private final BlockingQueue<CallBytes> clientCalls = new LinkedBlockingQueue<>();

  private MeasuredServer(GrpcCleanupExtension grpc, int port,
      BlockingQueue<CallBytes> serverCalls) {
    this.grpc = grpc;
    this.port = port;
    this.serverCalls = serverCalls;
  }

  static MeasuredServer start(GrpcCleanupExtension grpc) throws IOException {
    return start(grpc, builder -> {});
  }

  /** {@code options} adds server options on top of the lesson's (e.g. a decompressor). */
  static MeasuredServer start(GrpcCleanupExtension grpc, Consumer<NettyServerBuilder> options)
      throws IOException {
    BlockingQueue<CallBytes> serverCalls = new LinkedBlockingQueue<>();
    var server = CompressionServer.builder(0, serverCalls::add).configure(options).start();
    grpc.register(server.server());
    return new MeasuredServer(grpc, server.port(), serverCalls);
  }

  /** The server's port, for a client that builds its own channel (a lesson's main). */
  int port() {
    return port;
  }

  ManagedChannel channel() {
    return channel(builder -> {});
  }

  /** A measured plaintext channel; {@code options} adds channel options (registries...). */
  ManagedChannel channel(Consumer<NettyChannelBuilder> options) {
    NettyChannelBuilder builder = NettyChannelBuilder.forAddress("127.0.0.1", port)
        .usePlaintext()
        .intercept(new ClientWireSizes(clientCalls::add));
    options.accept(builder);
    return grpc.register(builder.build());
  }

  /** The next call a client finished. Clients record on close, so it is there on return. */
  CallBytes nextClientCall() throws InterruptedException {
    return next(clientCalls, "client");
  }

  /**
   * The next call the server finished. The server records when its stream closes, which can
   * be a moment after the client has its answer, hence the wait.
   */
  CallBytes nextServerCall() throws InterruptedException {
    return next(serverCalls, "server");
  }

  private static CallBytes next(BlockingQueue<CallBytes> calls, String side)
      throws InterruptedException {
    CallBytes bytes = calls.poll(5, TimeUnit.SECONDS);
    assertNotNull(bytes, "the " + side + " recorded no call within 5 s");
    return bytes;
  }
}
