package lab.check;

import io.netty.handler.codec.http2.Http2Headers;
import java.io.ByteArrayOutputStream;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One stream of an {@link H2Connection}, as the server answered it: its HEADERS, its trailers
 * (the same HEADERS for a trailers-only reply), how many DATA bytes came (the first 64 KiB
 * kept), and whether it ended or was reset.
 */
public final class H2Stream {
  private static final int KEPT = 64 * 1024;
  /** {@link #resetCode()} when the stream was not reset. */
  public static final long NOT_RESET = -1;
  /** {@link #resetCode()} when the server closed the whole connection under the stream. */
  public static final long CONNECTION_CLOSED = -2;
  /** {@link #resetCode()} when the checker closed the connection, done waiting. */
  public static final long GAVE_UP = -3;

  private final int id;
  private final CompletableFuture<H2Stream> done = new CompletableFuture<>();
  private final AtomicLong dataBytes = new AtomicLong();
  private final ByteArrayOutputStream body = new ByteArrayOutputStream();
  private volatile Http2Headers headers;
  private volatile Http2Headers trailers;
  private volatile long resetCode = NOT_RESET;

  H2Stream(int id) {
    this.id = id;
  }

  public int id() {
    return id;
  }

  /** Whether the server ended the stream (with a status, a reset or a closed connection). */
  public boolean answered() {
    return done.isDone() && resetCode != GAVE_UP;
  }

  /**
   * Completes when the server ends the stream, resets it, or the connection closes (by the
   * server, or by the checker done waiting: see {@link #answered}).
   */
  public CompletableFuture<H2Stream> done() {
    return done;
  }

  void headers(Http2Headers h, boolean endStream) {
    if (headers == null) {
      headers = h;
    }
    if (h.contains("grpc-status")) {
      trailers = h;
    }
    if (endStream) {
      done.complete(this);
    }
  }

  void data(byte[] bytes, boolean endStream) {
    dataBytes.addAndGet(bytes.length);
    synchronized (body) {
      body.write(bytes, 0, Math.max(0, Math.min(bytes.length, KEPT - body.size())));
    }
    if (endStream) {
      done.complete(this);
    }
  }

  /** The server's RST_STREAM code, or CONNECTION_CLOSED or GAVE_UP. */
  void reset(long code) {
    if (!done.isDone()) {
      resetCode = code;
    }
    done.complete(this);
  }

  /** The HTTP status of the first HEADERS, or -1 if none came. */
  public int httpStatus() {
    CharSequence status = headers == null ? null : headers.status();
    return status == null ? -1 : Integer.parseInt(status.toString());
  }

  /** grpc-status, or -1 if the stream ended without one. */
  public int grpcStatus() {
    CharSequence status = trailers == null ? null : trailers.get("grpc-status");
    return status == null ? -1 : Integer.parseInt(status.toString());
  }

  /** grpc-message, percent-decoded (as the gRPC HTTP/2 spec has servers encode it). */
  public String grpcMessage() {
    CharSequence message = trailers == null ? null : trailers.get("grpc-message");
    if (message == null) {
      return "";
    }
    try {
      return java.net.URLDecoder.decode(message.toString().replace("+", "%2B"),
          java.nio.charset.StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return message.toString(); // not percent-encoded after all
    }
  }

  /** RST_STREAM's error code, else {@link #CONNECTION_CLOSED}, {@link #GAVE_UP}, NOT_RESET. */
  public long resetCode() {
    return resetCode;
  }

  public long dataBytes() {
    return dataBytes.get();
  }

  public byte[] body() {
    synchronized (body) {
      return body.toByteArray();
    }
  }

  /** What the server answered, in a few words: "INTERNAL (13) 'message'", "RST_STREAM 8". */
  public String describe() {
    if (grpcStatus() >= 0) {
      String message = grpcMessage();
      return Codes.name(grpcStatus())
          + (message.isEmpty() ? "" : " \"" + Report.shorten(message, 60) + "\"");
    }
    if (resetCode >= 0) {
      return "RST_STREAM " + resetCode;
    }
    if (resetCode == CONNECTION_CLOSED) {
      return "connection closed";
    }
    if (resetCode == GAVE_UP || !done.isDone()) {
      return "no answer";
    }
    return httpStatus() >= 0 ? "HTTP " + httpStatus() + " without grpc-status" : "no answer";
  }
}
