package lab.interop;

import io.grpc.ForwardingServerCall.SimpleForwardingServerCall;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;

/**
 * The Echo Metadata feature: the value of {@code x-grpc-test-echo-initial} goes back in the
 * response headers, the value of {@code x-grpc-test-echo-trailing-bin} in the trailers. An
 * interceptor, because it concerns every method and no handler should have to remember it.
 */
final class EchoMetadataInterceptor implements ServerInterceptor {
  static final Metadata.Key<String> ECHO_INITIAL =
      Metadata.Key.of("x-grpc-test-echo-initial", Metadata.ASCII_STRING_MARSHALLER);
  static final Metadata.Key<byte[]> ECHO_TRAILING =
      Metadata.Key.of("x-grpc-test-echo-trailing-bin", Metadata.BINARY_BYTE_MARSHALLER);

  @Override
  public <Q, R> ServerCall.Listener<Q> interceptCall(
      ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
    String initial = headers.get(ECHO_INITIAL);
    byte[] trailing = headers.get(ECHO_TRAILING);
    return next.startCall(new SimpleForwardingServerCall<>(call) {
      @Override
      public void sendHeaders(Metadata responseHeaders) {
        if (initial != null) {
          responseHeaders.put(ECHO_INITIAL, initial);
        }
        super.sendHeaders(responseHeaders);
      }

      @Override
      public void close(Status status, Metadata trailers) {
        if (trailing != null) {
          trailers.put(ECHO_TRAILING, trailing);
        }
        super.close(status, trailers);
      }
    }, headers);
  }
}
