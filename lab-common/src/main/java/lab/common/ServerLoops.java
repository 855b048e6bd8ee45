package lab.common;

import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.netty.shaded.io.netty.channel.EventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.IoHandlerFactory;
import io.grpc.netty.shaded.io.netty.channel.MultiThreadIoEventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.ServerChannel;
import io.grpc.netty.shaded.io.netty.channel.epoll.Epoll;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollIoHandler;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollServerSocketChannel;
import io.grpc.netty.shaded.io.netty.channel.nio.NioIoHandler;
import io.grpc.netty.shaded.io.netty.channel.socket.nio.NioServerSocketChannel;
import io.grpc.netty.shaded.io.netty.util.concurrent.DefaultThreadFactory;
import java.util.concurrent.TimeUnit;

/**
 * A lab server's own event loops and listening channel. grpc-java offers no hook on accepted
 * connections, but it takes a listening channel from a factory: this one carries the
 * {@link ConnectionCap}. grpc-java then requires the event loops too (on Linux it picks epoll,
 * as here); they are the server's own and end once it and all its connections have closed.
 */
final class ServerLoops {
  private final EventLoopGroup boss;
  private final EventLoopGroup workers;
  private final ConnectionCap cap;

  ServerLoops(ConnectionLimits limits) {
    IoHandlerFactory io = Epoll.isAvailable()
        ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
    // daemon threads, like grpc-java's own: a main that returns is not held up by them
    boss = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("lab-accept", true), io);
    // 0: Netty's default, two per core (grpc-java's default too)
    workers = new MultiThreadIoEventLoopGroup(0, new DefaultThreadFactory("lab-io", true), io);
    cap = new ConnectionCap(limits.maxConnections(),
        () -> new SettingsBudget(limits.maxSettingsPerWindow(), limits.floodWindow()),
        this::shutdown);
  }

  void applyTo(NettyServerBuilder builder) {
    builder.bossEventLoopGroup(boss).workerEventLoopGroup(workers).channelFactory(() -> {
      ServerChannel listening = Epoll.isAvailable()
          ? new EpollServerSocketChannel() : new NioServerSocketChannel();
      listening.pipeline().addLast(cap); // before grpc-java's acceptor, which comes last
      return listening;
    });
  }

  /** Connections open now (the ones the cap let in and that have not closed). */
  int connections() {
    return cap.open();
  }

  /**
   * Ends the event loops (at once when called from LabServer on a failed start; otherwise
   * after all closed). Tasks grpc-java queues while its last connections close still run:
   * the loops stop after 100 ms with none.
   */
  void shutdown() {
    boss.shutdownGracefully(100, 5_000, TimeUnit.MILLISECONDS);
    workers.shutdownGracefully(100, 5_000, TimeUnit.MILLISECONDS);
  }
}
