package lab.benchmarks.layers;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.Http2ConnectionHandler;
import io.netty.handler.codec.http2.Http2ConnectionHandlerBuilder;
import io.netty.handler.codec.http2.Http2Exception;
import io.netty.handler.codec.http2.Http2FrameAdapter;
import io.netty.handler.codec.http2.Http2Settings;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Netty's HTTP/2 codec without gRPC: one request stream per operation, answered by
 * Http2Producer with DATA frames of 5-byte-framed messages. The client deframes them and
 * returns each DATA frame's bytes to flow control as consumed, so Netty sends WINDOW_UPDATEs
 * as a real peer does. Windows are gRPC's starting ones: 1 MiB per stream and connection.
 */
final class Http2Layer implements Layer {
  static final int WINDOW = 1 << 20;

  private final EventLoopGroup serverLoop = EventLoops.oneThread();
  private final EventLoopGroup clientLoop = EventLoops.oneThread();
  private final Channel listener;
  private final Channel client;
  private final Reader reader = new Reader();
  private final Http2ConnectionHandler handler = new Http2ConnectionHandlerBuilder()
      .server(false).frameListener(reader).gracefulShutdownTimeoutMillis(0)
      .initialSettings(Http2Settings.defaultSettings().initialWindowSize(WINDOW)).build();

  Http2Layer() throws Exception {
    listener = new ServerBootstrap().group(serverLoop).channel(EventLoops.serverChannel())
        .childOption(ChannelOption.TCP_NODELAY, true)
        .childHandler(new ChannelInitializer<>() {
          @Override protected void initChannel(Channel ch) {
            ch.pipeline().addLast(new Http2Producer().handler);
          }
        })
        .bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)).sync().channel();
    client = new Bootstrap().group(clientLoop).channel(EventLoops.channel())
        .option(ChannelOption.TCP_NODELAY, true)
        .handler(handler)
        .connect(listener.localAddress()).sync().channel();
    // The connection window starts at 64 KiB whatever SETTINGS say; open it as gRPC does.
    client.eventLoop().submit(() -> {
      var flow = handler.connection().local().flowController();
      var connection = handler.connection().connectionStream();
      flow.incrementWindowSize(connection, WINDOW - flow.windowSize(connection));
      handler.flush(client.pipeline().context(handler));
      return null;
    }).sync();
  }

  @Override
  public Received stream(int count, int size) throws Exception {
    var done = new CompletableFuture<Received>();
    client.eventLoop().execute(() -> {
      ChannelHandlerContext ctx = client.pipeline().context(handler);
      int id = handler.connection().local().incrementAndGetNextStreamId();
      reader.expect(new Deframer(size), done);
      var headers = new DefaultHttp2Headers().method("POST").scheme("http")
          .authority("127.0.0.1").path("/layers/stream")
          .set("count", Integer.toString(count)).set("size", Integer.toString(size));
      handler.encoder().writeHeaders(ctx, id, headers, 0, true, ctx.newPromise());
      handler.flush(ctx);
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

  /** Client: deframes each DATA frame and hands its bytes straight back to flow control. */
  private static final class Reader extends Http2FrameAdapter {
    private Deframer deframer;
    private CompletableFuture<Received> done;

    void expect(Deframer deframer, CompletableFuture<Received> done) {
      this.deframer = deframer;
      this.done = done;
    }

    @Override
    public int onDataRead(ChannelHandlerContext ctx, int streamId, ByteBuf data, int padding,
        boolean endOfStream) throws Http2Exception {
      int consumed = data.readableBytes() + padding;
      deframer.add(data);
      if (endOfStream) {
        done.complete(deframer.received());
        deframer.close();
      }
      return consumed; // processed: counts toward the next WINDOW_UPDATE
    }

    @Override
    public void onRstStreamRead(ChannelHandlerContext ctx, int streamId, long errorCode) {
      done.completeExceptionally(new IllegalStateException("stream reset: " + errorCode));
    }
  }
}
