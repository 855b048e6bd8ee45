package lab.wire;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http2.Http2Error;
import io.netty.handler.codec.http2.Http2Flags;
import io.netty.handler.codec.http2.Http2FrameLogger;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.handler.codec.http2.Http2Settings;
import io.netty.handler.logging.LogLevel;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Writes each HTTP/2 frame as it crosses the wire, one line per frame plus indented detail:
 * headers one per line, and in DATA frames the gRPC message prefixes in hex with where each
 * message starts and ends. Netty's codec calls it for every frame it reads or writes
 * ({@code ->} client to server, {@code <-} server to client).
 */
public final class FrameTranscript extends Http2FrameLogger {
  private static final String INDENT = "                   ";
  private static final Map<Character, String> SETTING_NAMES = Map.of(
      (char) 1, "HEADER_TABLE_SIZE", (char) 2, "ENABLE_PUSH", (char) 3, "MAX_CONCURRENT_STREAMS",
      (char) 4, "INITIAL_WINDOW_SIZE", (char) 5, "MAX_FRAME_SIZE", (char) 6, "MAX_HEADER_LIST_SIZE");

  private final Consumer<String> out;
  private volatile boolean muted;
  /** Where each stream's body is, per direction: inside a prefix or inside a message. */
  private final Map<String, MessageBoundaries> cursors = new HashMap<>();

  public FrameTranscript(Consumer<String> out) {
    super(LogLevel.TRACE);
    this.out = out;
  }

  /** A line of commentary between frames (which call comes next). */
  public void note(String line) {
    out.accept(line);
  }

  /** Stops writing frames: the goodbye frames of a closing connection race each other. */
  public void mute() {
    muted = true;
  }

  @Override
  public void logSettings(Direction d, ChannelHandlerContext ctx, Http2Settings settings) {
    StringBuilder line = new StringBuilder();
    new TreeMap<>(settings).forEach((id, value) -> line.append(' ')
        .append(SETTING_NAMES.getOrDefault(id, "0x" + Integer.toHexString(id))).append('=')
        .append(value));
    frame(d, "SETTINGS", 0, line.toString().trim());
  }

  @Override
  public void logSettingsAck(Direction d, ChannelHandlerContext ctx) {
    frame(d, "SETTINGS", 0, "ACK");
  }

  @Override
  public void logWindowsUpdate(Direction d, ChannelHandlerContext ctx, int stream, int increment) {
    frame(d, "WINDOW_UPDATE", stream, "increment=" + increment);
  }

  @Override
  public void logHeaders(Direction d, ChannelHandlerContext ctx, int stream, Http2Headers headers,
      int padding, boolean endStream) {
    frame(d, "HEADERS", stream, endStream ? "END_STREAM" : "");
    if (muted) {
      return;
    }
    headers.forEach(h -> out.accept(INDENT + h.getKey() + ": " + h.getValue()));
    CharSequence type = headers.get("content-type");
    if (type != null) {
      String key = d + "/" + stream;
      if (type.toString().startsWith("application/grpc")) {
        cursors.put(key, new MessageBoundaries());
      } else {
        cursors.remove(key); // not a gRPC body: shown as text
      }
    }
  }

  @Override
  public void logHeaders(Direction d, ChannelHandlerContext ctx, int stream, Http2Headers headers,
      int dependency, short weight, boolean exclusive, int padding, boolean endStream) {
    logHeaders(d, ctx, stream, headers, padding, endStream);
  }

  @Override
  public void logData(Direction d, ChannelHandlerContext ctx, int stream, ByteBuf data,
      int padding, boolean endStream) {
    frame(d, "DATA", stream, "length=" + data.readableBytes() + (endStream ? " END_STREAM" : ""));
    if (muted) {
      return;
    }
    byte[] bytes = new byte[data.readableBytes()];
    data.getBytes(data.readerIndex(), bytes);
    MessageBoundaries cursor = cursors.get(d + "/" + stream);
    if (cursor == null) {
      out.accept(INDENT + "text: " + new String(bytes, StandardCharsets.UTF_8));
    } else {
      cursor.describe(bytes, line -> out.accept(INDENT + line));
    }
  }

  @Override
  public void logRstStream(Direction d, ChannelHandlerContext ctx, int stream, long errorCode) {
    frame(d, "RST_STREAM", stream, "error=" + errorName(errorCode));
  }

  @Override
  public void logPing(Direction d, ChannelHandlerContext ctx, long data) {
    frame(d, "PING", 0, "data=" + data);
  }

  @Override
  public void logPingAck(Direction d, ChannelHandlerContext ctx, long data) {
    frame(d, "PING", 0, "ACK data=" + data);
  }

  @Override
  public void logGoAway(Direction d, ChannelHandlerContext ctx, int lastStream, long errorCode,
      ByteBuf debugData) {
    frame(d, "GOAWAY", 0, "last_stream=" + lastStream + " error=" + errorName(errorCode)
        + " debug=\"" + debugData.toString(StandardCharsets.UTF_8) + "\"");
  }

  @Override
  public void logUnknownFrame(Direction d, ChannelHandlerContext ctx, byte type, int stream,
      Http2Flags flags, ByteBuf data) {
    frame(d, "UNKNOWN(" + type + ")", stream, "length=" + data.readableBytes());
  }

  private void frame(Direction d, String type, int stream, String detail) {
    if (muted) {
      return;
    }
    String arrow = d == Direction.OUTBOUND ? "->" : "<-";
    out.accept(String.format("%s %-14s stream=%d %s", arrow, type, stream, detail).stripTrailing());
  }

  private static String errorName(long code) {
    Http2Error error = Http2Error.valueOf(code);
    return (error == null ? "UNKNOWN" : error.name()) + " (" + code + ")";
  }
}
