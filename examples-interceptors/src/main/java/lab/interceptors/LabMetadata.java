package lab.interceptors;

import io.grpc.Context;
import io.grpc.Metadata;

/**
 * The metadata keys and Context keys of this module. Metadata is gRPC's HTTP headers: text
 * values under ordinary names, bytes under names ending in {@code -bin} (sent base64-encoded
 * on the wire). Nothing is sent unless someone puts it there: a client interceptor or call
 * option on the way out, the server's call on the way back (NOTES.md, "Metadata").
 */
public final class LabMetadata {
  public static final Metadata.Key<String> AUTHORIZATION =
      Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);
  public static final Metadata.Key<String> REQUEST_ID =
      Metadata.Key.of("request-id", Metadata.ASCII_STRING_MARSHALLER);
  /** Binary: an opaque trace context, bytes as they are. */
  public static final Metadata.Key<byte[]> TRACE_BIN =
      Metadata.Key.of("trace-bin", Metadata.BINARY_BYTE_MARSHALLER);
  /** Sent by the server in its initial headers. */
  public static final Metadata.Key<String> SERVER =
      Metadata.Key.of("server", Metadata.ASCII_STRING_MARSHALLER);
  /** Sent by the server in its trailers, on success and on error. */
  public static final Metadata.Key<String> HANDLED_MS =
      Metadata.Key.of("handled-ms", Metadata.ASCII_STRING_MARSHALLER);
  /** Sent in the trailers of a maintenance rejection: when to try again. */
  public static final Metadata.Key<String> RETRY_AFTER_MS =
      Metadata.Key.of("retry-after-ms", Metadata.ASCII_STRING_MARSHALLER);

  /** Who the caller is, put in the Context by {@link AuthInterceptor}. */
  public static final Context.Key<String> CALLER = Context.key("caller");
  /** The request id and trace bytes, put in the Context by {@link ServerMetadataInterceptor}. */
  public static final Context.Key<String> CTX_REQUEST_ID = Context.key("request-id");
  public static final Context.Key<byte[]> CTX_TRACE = Context.key("trace");

  private LabMetadata() {}
}
