package lab.benchmarks.layers;

import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.ServerSocketChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;

/**
 * Plain Netty on the transport grpc-netty-shaded picks on Linux, epoll, so that the step from
 * a Netty layer to gRPC adds gRPC and nothing else (NIO where epoll cannot load).
 */
final class EventLoops {
  private EventLoops() {}

  /** One thread: each side of the benchmark's one connection has an event loop of its own. */
  static MultiThreadIoEventLoopGroup oneThread() {
    IoHandlerFactory io = Epoll.isAvailable()
        ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
    return new MultiThreadIoEventLoopGroup(1, io);
  }

  static Class<? extends ServerSocketChannel> serverChannel() {
    return Epoll.isAvailable() ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
  }

  static Class<? extends SocketChannel> channel() {
    return Epoll.isAvailable() ? EpollSocketChannel.class : NioSocketChannel.class;
  }
}
