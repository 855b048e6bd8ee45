package lab.wire;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.Http2ConnectionHandler;
import io.netty.handler.codec.http2.Http2ConnectionHandlerBuilder;
import io.netty.handler.codec.http2.Http2FrameAdapter;
import io.netty.handler.codec.http2.Http2FrameLogger;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.handler.codec.http2.Http2Settings;
import io.netty.handler.logging.LogLevel;
import java.io.IOException;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * A gRPC client with no gRPC library: Netty's HTTP/2 codec over cleartext TCP, "prior
 * knowledge" (the client starts talking HTTP/2 at once, no HTTP/1.1 upgrade, which is how gRPC
 * runs without TLS). It sends a request as HEADERS then DATA frames exactly as given, and
 * collects the reply: HEADERS, DATA, trailing HEADERS (or an RST_STREAM).
 */
public final class RawGrpcClient implements AutoCloseable {
  private final EventLoopGroup group;
  private final Channel channel;
  private final Http2ConnectionHandler http2;
  private final String authority;
  private final Map<Integer, RawResponse.Builder> pending = new ConcurrentHashMap<>();
  private final CompletableFuture<Void> theirSettings = new CompletableFuture<>();
  private final CompletableFuture<Void> ourSettingsAcked = new CompletableFuture<>();

  private RawGrpcClient(String host, int port, Http2FrameLogger transcript)
      throws InterruptedException, IOException {
    authority = host + ":" + port;
    group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    var builder = new Http2ConnectionHandlerBuilder().server(false).frameListener(new Listener())
        .initialSettings(Http2Settings.defaultSettings());
    http2 = builder.frameLogger(transcript != null ? transcript : new Http2FrameLogger(LogLevel.TRACE))
        .build();
    var connect = new Bootstrap().group(group).channel(NioSocketChannel.class).handler(http2)
        .connect(host, port);
    if (!connect.await(10, TimeUnit.SECONDS) || !connect.isSuccess()) {
      group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
      throw new IOException("cannot connect to " + authority, connect.cause());
    }
    channel = connect.channel();
    channel.pipeline().addLast(new ChannelInboundHandlerAdapter() {
      @Override
      public void channelInactive(ChannelHandlerContext ctx) {
        IOException closed = new IOException("connection closed");
        pending.values().forEach(b -> b.fail(closed));
        theirSettings.completeExceptionally(closed);
      }
    });
  }

  /** Connects, and waits (bounded) until both sides' SETTINGS are exchanged and acknowledged. */
  public static RawGrpcClient connect(String host, int port, Http2FrameLogger transcript,
      Duration timeout) throws Exception {
    RawGrpcClient client = new RawGrpcClient(host, port, transcript);
    try {
      CompletableFuture.allOf(client.theirSettings, client.ourSettingsAcked)
          .get(timeout.toNanos(), TimeUnit.NANOSECONDS);
      return client;
    } catch (Exception e) {
      client.close();
      throw e;
    }
  }

  /** The headers every gRPC request carries, for {@code path} ("/package.Service/Method"). */
  public Http2Headers grpcHeaders(String path) {
    return new DefaultHttp2Headers().method("POST").scheme("http").path(path)
        .authority(authority)
        .add("content-type", "application/grpc")
        .add("te", "trailers"); // "I understand trailers": where gRPC puts the status
  }

  /**
   * Opens a stream and sends {@code headers}, then each of {@code dataFrames} as its own DATA
   * frame (the last one ends the stream; none: the HEADERS frame ends it).
   */
  public CompletableFuture<RawResponse> send(Http2Headers headers, List<byte[]> dataFrames) {
    var response = new RawResponse.Builder();
    channel.eventLoop().execute(() -> {
      ChannelHandlerContext ctx = channel.pipeline().context(http2);
      int stream = http2.connection().local().incrementAndGetNextStreamId();
      pending.put(stream, response);
      http2.encoder().writeHeaders(ctx, stream, headers, 0, dataFrames.isEmpty(), ctx.newPromise());
      channel.flush();
      for (Iterator<byte[]> frames = dataFrames.iterator(); frames.hasNext(); ) {
        byte[] frame = frames.next();
        http2.encoder().writeData(ctx, stream, Unpooled.wrappedBuffer(frame), 0, !frames.hasNext(),
            ctx.newPromise());
        channel.flush(); // one frame per write: Netty merges DATA frames queued together
      }
    });
    return response.future();
  }

  /** A whole gRPC call: headers plus extras, the messages as one DATA frame. */
  public CompletableFuture<RawResponse> call(String path, Map<String, String> extraHeaders,
      List<byte[]> messages) {
    Http2Headers headers = grpcHeaders(path);
    extraHeaders.forEach(headers::add);
    return send(headers, List.of(GrpcMessages.encode(messages)));
  }

  @Override
  public void close() throws InterruptedException {
    if (channel != null) {
      channel.close().await(10, TimeUnit.SECONDS);
    }
    group.shutdownGracefully(0, 5, TimeUnit.SECONDS).await(10, TimeUnit.SECONDS);
  }

  /** Routes each frame of a stream to its response; runs on the connection's event loop. */
  private final class Listener extends Http2FrameAdapter {
    @Override
    public void onSettingsRead(ChannelHandlerContext ctx, Http2Settings settings) {
      theirSettings.complete(null);
    }

    @Override
    public void onSettingsAckRead(ChannelHandlerContext ctx) {
      ourSettingsAcked.complete(null);
    }

    @Override
    public void onHeadersRead(ChannelHandlerContext ctx, int stream, Http2Headers headers,
        int padding, boolean endOfStream) {
      RawResponse.Builder response = pending.get(stream);
      response.headers(headers);
      if (endOfStream) {
        pending.remove(stream).complete();
      }
    }

    @Override
    public void onHeadersRead(ChannelHandlerContext ctx, int stream, Http2Headers headers,
        int dependency, short weight, boolean exclusive, int padding, boolean endOfStream) {
      onHeadersRead(ctx, stream, headers, padding, endOfStream);
    }

    @Override
    public int onDataRead(ChannelHandlerContext ctx, int stream, ByteBuf data, int padding,
        boolean endOfStream) {
      int bytes = data.readableBytes() + padding;
      pending.get(stream).data(ByteBufUtil.getBytes(data));
      if (endOfStream) {
        pending.remove(stream).complete();
      }
      return bytes; // processed: Netty returns the flow-control credit (WINDOW_UPDATE) for us
    }

    @Override
    public void onRstStreamRead(ChannelHandlerContext ctx, int stream, long errorCode) {
      RawResponse.Builder response = pending.remove(stream);
      if (response != null) {
        response.reset(errorCode);
      }
    }
  }
}
