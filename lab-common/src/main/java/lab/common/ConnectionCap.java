package lab.common;

import io.grpc.netty.shaded.io.netty.channel.Channel;
import io.grpc.netty.shaded.io.netty.channel.ChannelHandler;
import io.grpc.netty.shaded.io.netty.channel.ChannelHandlerContext;
import io.grpc.netty.shaded.io.netty.channel.ChannelInboundHandlerAdapter;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * At most {@code max} connections open at once, over every client. It sits on the listening
 * channel, where each accepted connection passes before grpc-java sets it up: past the cap,
 * the connection is closed at once (its client sees UNAVAILABLE and may retry later) and the
 * server logs it. Each connection it lets in gets its own per-connection handler (the
 * {@link SettingsBudget}) first in its pipeline.
 *
 * <p>The trade-off: one client that opens {@code max} connections keeps new clients out
 * until its connections close (the handshake timeout and the idle limit close them; clients
 * already connected go on being served). A cap per client address belongs in front of the
 * server (a proxy or a firewall); this one keeps the server alive.
 */
@ChannelHandler.Sharable
final class ConnectionCap extends ChannelInboundHandlerAdapter {
  static final String LOGGER = ConnectionCap.class.getName();
  private static final Logger log = Logger.getLogger(LOGGER);

  private final int max;
  private final Supplier<ChannelHandler> perConnection;
  private final Runnable whenAllClosed;
  private final AtomicInteger open = new AtomicInteger();
  private boolean listening = true;
  private boolean done;

  /** {@code whenAllClosed} runs once, when the listening channel and every connection closed. */
  ConnectionCap(int max, Supplier<ChannelHandler> perConnection, Runnable whenAllClosed) {
    this.max = max;
    this.perConnection = perConnection;
    this.whenAllClosed = whenAllClosed;
  }

  int open() {
    return open.get();
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    Channel connection = (Channel) msg; // what a listening channel reads: accepted connections
    if (open.incrementAndGet() > max) {
      open.decrementAndGet();
      // LogLimiter makes this one line per 10 s, with a count, however many are refused.
      log.warning("refused a connection: " + max + " connections open, the server's limit");
      connection.unsafe().closeForcibly(); // not registered yet: nothing else to undo
      return;
    }
    connection.closeFuture().addListener(closed -> {
      open.decrementAndGet();
      finishIfAllClosed();
    });
    connection.pipeline().addFirst(perConnection.get());
    ctx.fireChannelRead(connection);
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    synchronized (this) {
      listening = false;
    }
    finishIfAllClosed();
    ctx.fireChannelInactive();
  }

  private void finishIfAllClosed() {
    synchronized (this) {
      if (listening || open.get() > 0 || done) {
        return;
      }
      done = true;
    }
    whenAllClosed.run();
  }
}
