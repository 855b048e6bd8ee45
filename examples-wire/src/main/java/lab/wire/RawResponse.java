package lab.wire;

import io.netty.handler.codec.http2.Http2Headers;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * What came back on one stream. A normal gRPC reply is HEADERS (":status: 200"), DATA, then
 * trailing HEADERS with grpc-status; an error before any message is "trailers-only": one
 * HEADERS frame holding both, so {@link #trailers()} is then the same as {@link #headers()}.
 *
 * @param resetCode the RST_STREAM error code, or -1 if the stream was not reset
 */
public record RawResponse(Http2Headers headers, List<byte[]> dataFrames, Http2Headers trailers,
    long resetCode) {

  public int httpStatus() {
    return headers == null ? -1 : Integer.parseInt(headers.status().toString());
  }

  /** grpc-status from the trailers, or null if there was none. */
  public Integer grpcStatus() {
    CharSequence status = trailers == null ? null : trailers.get("grpc-status");
    return status == null ? null : Integer.valueOf(status.toString());
  }

  public String grpcMessage() {
    CharSequence message = trailers == null ? null : trailers.get("grpc-message");
    return message == null ? null : message.toString();
  }

  /** Every DATA frame's bytes joined: the response body. */
  public byte[] body() {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    dataFrames.forEach(body::writeBytes);
    return body.toByteArray();
  }

  /** The body split into messages (see {@link GrpcMessages#decode}). */
  public List<byte[]> messages() {
    return GrpcMessages.decode(body());
  }

  /** Collects one stream's frames as they arrive. */
  static final class Builder {
    private final CompletableFuture<RawResponse> future = new CompletableFuture<>();
    private final List<byte[]> data = new ArrayList<>();
    private Http2Headers headers;
    private Http2Headers trailers;

    void headers(Http2Headers h) {
      if (headers == null) {
        headers = h;
      }
      if (data.isEmpty() && h.contains("grpc-status") || headers != h) {
        trailers = h; // trailers-only when the first HEADERS already carries grpc-status
      }
    }

    void data(byte[] bytes) {
      data.add(bytes);
    }

    void complete() {
      future.complete(new RawResponse(headers, List.copyOf(data), trailers, -1));
    }

    void reset(long code) {
      future.complete(new RawResponse(headers, List.copyOf(data), trailers, code));
    }

    void fail(Throwable t) {
      future.completeExceptionally(t);
    }

    CompletableFuture<RawResponse> future() {
      return future;
    }
  }
}
