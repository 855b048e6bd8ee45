package lab.benchmarks.layers;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.Http2ConnectionHandler;
import io.netty.handler.codec.http2.Http2ConnectionHandlerBuilder;
import io.netty.handler.codec.http2.Http2FrameAdapter;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.handler.codec.http2.Http2Stream;

/**
 * The HTTP/2 layer's server: answers a request stream whose headers say {@code count} and
 * {@code size} with a response of DATA frames carrying that many 5-byte-framed messages. It
 * writes only while the stream's flow-control window and the socket have room (gRPC's isReady)
 * and goes on when the client's WINDOW_UPDATEs reopen the window. One stream at a time.
 */
final class Http2Producer extends Http2FrameAdapter {
  final Http2ConnectionHandler handler;
  private ChannelHandlerContext ctx;
  private Http2Stream stream;
  private int remaining;
  private byte[] payload;
  private boolean scheduled;

  Http2Producer() {
    handler = new Http2ConnectionHandlerBuilder().server(true).frameListener(this)
        .gracefulShutdownTimeoutMillis(0).build(); // close at once: no stream outlives a benchmark
    handler.connection().remote().flowController().listener(changed -> schedule());
  }

  @Override
  public void onHeadersRead(ChannelHandlerContext ctx, int streamId, Http2Headers headers,
      int padding, boolean endOfStream) {
    this.ctx = ctx;
    stream = handler.connection().stream(streamId);
    remaining = Integer.parseInt(headers.get("count").toString());
    payload = new byte[Integer.parseInt(headers.get("size").toString())];
    handler.encoder().writeHeaders(ctx, streamId, new DefaultHttp2Headers().status("200"), 0,
        false, ctx.newPromise());
    produce();
  }

  @Override
  public void onHeadersRead(ChannelHandlerContext ctx, int streamId, Http2Headers headers,
      int streamDependency, short weight, boolean exclusive, int padding, boolean endOfStream) {
    onHeadersRead(ctx, streamId, headers, padding, endOfStream);
  }

  /** Writability changes while the flow controller writes: go on after it, not inside it. */
  private void schedule() {
    if (!scheduled && ctx != null) {
      scheduled = true;
      ctx.executor().execute(() -> {
        scheduled = false;
        produce();
      });
    }
  }

  private void produce() {
    var flow = handler.connection().remote().flowController();
    while (remaining > 0 && flow.isWritable(stream)) {
      int messages = Frames.perBuffer(payload.length, remaining);
      remaining -= messages;
      handler.encoder().writeData(ctx, stream.id(), Frames.write(ctx.alloc(), payload, messages),
          0, remaining == 0, ctx.newPromise());
    }
    handler.flush(ctx); // through the handler: its flush writes what flow control let through
  }
}
