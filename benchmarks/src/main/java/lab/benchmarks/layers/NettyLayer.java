package lab.benchmarks.layers;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.FixedLengthFrameDecoder;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Netty without HTTP/2: the same frames through event loops and channel pipelines. The server
 * writes 16 KiB buffers of frames while the channel is writable (Netty's isReady); the client
 * splits the stream with a length-field decoder and copies each message out.
 */
final class NettyLayer implements Layer {
  private final EventLoopGroup serverLoop = EventLoops.oneThread();
  private final EventLoopGroup clientLoop = EventLoops.oneThread();
  private final Channel listener;
  private final Channel client;
  private final Reader reader = new Reader();

  NettyLayer() throws InterruptedException {
    listener = new ServerBootstrap().group(serverLoop).channel(EventLoops.serverChannel())
        .childOption(ChannelOption.TCP_NODELAY, true)
        .childHandler(new ChannelInitializer<>() {
          @Override protected void initChannel(Channel ch) {
            ch.pipeline().addLast(new FixedLengthFrameDecoder(8), new Producer());
          }
        })
        .bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)).sync().channel();
    client = new Bootstrap().group(clientLoop).channel(EventLoops.channel())
        .option(ChannelOption.TCP_NODELAY, true)
        .handler(new ChannelInitializer<>() {
          @Override protected void initChannel(Channel ch) {
            // frame = flag (1) + length (4) + payload; pass on the payload alone
            ch.pipeline().addLast(new LengthFieldBasedFrameDecoder(1 << 21, 1, 4, 0, 5), reader);
          }
        })
        .connect(listener.localAddress()).sync().channel();
  }

  @Override
  public Received stream(int count, int size) throws Exception {
    var done = new CompletableFuture<Received>();
    client.eventLoop().execute(() -> {
      reader.expect(count, size, done);
      client.writeAndFlush(client.alloc().buffer(8).writeInt(count).writeInt(size));
    });
    return done.get(120, TimeUnit.SECONDS);
  }

  @Override
  public void close() throws Exception {
    client.close().sync();
    listener.close().sync();
    clientLoop.shutdownGracefully(0, 5, TimeUnit.SECONDS).sync();
    serverLoop.shutdownGracefully(0, 5, TimeUnit.SECONDS).sync();
  }

  /** Server: answers each 8-byte request (count, size) with count frames. */
  private static final class Producer extends SimpleChannelInboundHandler<ByteBuf> {
    private int remaining;
    private byte[] payload;

    @Override protected void channelRead0(ChannelHandlerContext ctx, ByteBuf request) {
      remaining = request.readInt();
      payload = new byte[request.readInt()];
      produce(ctx);
    }

    @Override public void channelWritabilityChanged(ChannelHandlerContext ctx) {
      produce(ctx); // the socket drained below the low-water mark: write on
    }

    private void produce(ChannelHandlerContext ctx) {
      while (remaining > 0 && ctx.channel().isWritable()) {
        int messages = Frames.perBuffer(payload.length, remaining);
        remaining -= messages;
        ctx.write(Frames.write(ctx.alloc(), payload, messages));
      }
      ctx.flush();
    }
  }

  /** Client: counts and copies out each message the decoder splits off, one stream at a time. */
  private static final class Reader extends SimpleChannelInboundHandler<ByteBuf> {
    private long expected;
    private long messages;
    private long bytes;
    private byte[] payload = new byte[0];
    private CompletableFuture<Received> done;

    void expect(int count, int size, CompletableFuture<Received> done) {
      expected = count;
      messages = 0;
      bytes = 0;
      payload = payload.length < size ? new byte[size] : payload;
      this.done = done;
    }

    @Override protected void channelRead0(ChannelHandlerContext ctx, ByteBuf message) {
      int length = message.readableBytes();
      message.readBytes(payload, 0, length);
      bytes += length;
      if (++messages == expected) {
        done.complete(new Received(messages, bytes));
      }
    }

    @Override public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      done.completeExceptionally(cause);
    }

    @Override public void channelInactive(ChannelHandlerContext ctx) {
      if (done != null) {
        done.completeExceptionally(new IllegalStateException("connection closed"));
      }
    }
  }
}
