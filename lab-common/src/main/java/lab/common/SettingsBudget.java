package lab.common;

import io.grpc.netty.shaded.io.netty.buffer.ByteBuf;
import io.grpc.netty.shaded.io.netty.channel.ChannelHandlerContext;
import io.grpc.netty.shaded.io.netty.channel.ChannelInboundHandlerAdapter;
import io.grpc.netty.shaded.io.netty.channel.ChannelPipeline;
import io.grpc.netty.shaded.io.netty.handler.codec.http2.Http2Error;
import io.grpc.netty.shaded.io.netty.handler.codec.http2.Http2Exception;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslHandler;
import io.grpc.netty.shaded.io.netty.util.ReferenceCountUtil;
import java.time.Duration;
import java.util.function.LongSupplier;
import java.util.logging.Logger;

/**
 * A budget of SETTINGS frames for one connection. HTTP/2 obliges the server to answer every
 * SETTINGS frame with an ACK, and grpc-java sets no limit, so a client that reads the ACKs
 * (and so never trips Netty's limit on queued control frames) can keep a server busy for as
 * long as it likes: 240,000 frames in a minute, never closed. Past {@code max} frames in a
 * window, the connection gets GOAWAY ENHANCE_YOUR_CALM, as a Rapid Reset flood does.
 *
 * <p>It sits first in the connection's pipeline and reads the frame headers as bytes pass
 * (24 bytes of preface, then 9-byte headers and payloads it skips), without copying or
 * consuming anything. On a TLS connection the bytes are ciphertext there, so at the first
 * read it moves itself behind the SslHandler (grpc-java adds that when the connection is
 * active; the first read is the client's TLS hello).
 */
final class SettingsBudget extends ChannelInboundHandlerAdapter {
  static final String LOGGER = SettingsBudget.class.getName();
  private static final Logger log = Logger.getLogger(LOGGER);
  private static final int PREFACE_BYTES = 24;
  private static final int FRAME_HEADER_BYTES = 9;
  private static final int SETTINGS = 0x4;
  private static final int ACK = 0x1;

  private final int max;
  private final long windowNanos;
  private final LongSupplier nanoTime;
  private boolean placed;
  private long skip = PREFACE_BYTES; // bytes still to pass over: the preface, then a payload
  private final byte[] header = new byte[FRAME_HEADER_BYTES];
  private int headerBytes;
  private long windowStart;
  private int inWindow;
  private boolean closing;

  SettingsBudget(int max, Duration window) {
    this(max, window, System::nanoTime);
  }

  SettingsBudget(int max, Duration window, LongSupplier nanoTime) {
    this.max = max;
    this.windowNanos = window.toNanos();
    this.nanoTime = nanoTime;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (closing) {
      ReferenceCountUtil.release(msg); // the connection is going: nothing more reaches HTTP/2
      return;
    }
    if (!placed) {
      placed = true;
      if (moveBehindTls(ctx.pipeline())) {
        ctx.fireChannelRead(msg); // the TLS hello, for the SslHandler
        return;
      }
    }
    int cut = msg instanceof ByteBuf bytes ? overBudgetAt(bytes) : -1;
    if (cut < 0) {
      ctx.fireChannelRead(msg);
      return;
    }
    // HTTP/2 gets the bytes before the frame that broke the budget, and nothing after it.
    ByteBuf bytes = (ByteBuf) msg;
    if (cut > bytes.readerIndex()) {
      ctx.fireChannelRead(bytes.retainedSlice(bytes.readerIndex(), cut - bytes.readerIndex()));
    }
    bytes.release();
    closing = true;
    // LogLimiter makes this one line per 10 s, with a count, however many connections.
    log.warning("closed a connection: more than " + max + " SETTINGS frames in "
        + Duration.ofNanos(windowNanos).toSeconds() + " s");
    // grpc-java's HTTP/2 handler turns a connection error into GOAWAY with its code.
    ctx.fireExceptionCaught(Http2Exception.connectionError(Http2Error.ENHANCE_YOUR_CALM,
        "too_many_settings: more than %d SETTINGS frames in %d s", max,
        Duration.ofNanos(windowNanos).toSeconds()));
  }

  /** On a TLS connection, hands over to a budget behind the SslHandler, where bytes are clear. */
  private boolean moveBehindTls(ChannelPipeline pipeline) {
    SslHandler tls = pipeline.get(SslHandler.class);
    if (tls == null) {
      return false;
    }
    SettingsBudget clear = new SettingsBudget(max, Duration.ofNanos(windowNanos), nanoTime);
    clear.placed = true;
    pipeline.addAfter(pipeline.context(tls).name(), null, clear);
    pipeline.remove(this);
    return true;
  }

  /**
   * Walks the frame headers in {@code bytes}; returns where the SETTINGS frame that breaks the
   * budget starts (the buffer's start if its header began in an earlier one), or -1.
   */
  private int overBudgetAt(ByteBuf bytes) {
    int frameStart = bytes.readerIndex();
    for (int at = bytes.readerIndex(), end = bytes.writerIndex(); at < end; ) {
      if (skip > 0) {
        int n = (int) Math.min(skip, end - at);
        skip -= n;
        at += n;
        continue;
      }
      if (headerBytes == 0) {
        frameStart = at;
      }
      header[headerBytes++] = bytes.getByte(at++);
      if (headerBytes == FRAME_HEADER_BYTES) {
        headerBytes = 0;
        skip = (header[0] & 0xff) << 16 | (header[1] & 0xff) << 8 | header[2] & 0xff;
        if ((header[3] & 0xff) == SETTINGS && (header[4] & ACK) == 0 && countOne()) {
          return frameStart;
        }
      }
    }
    return -1;
  }

  /** Counts one SETTINGS frame in the current window; true if it is one too many. */
  private boolean countOne() {
    long now = nanoTime.getAsLong();
    if (inWindow == 0 || now - windowStart >= windowNanos) {
      windowStart = now;
      inWindow = 0;
    }
    return ++inWindow > max;
  }
}
