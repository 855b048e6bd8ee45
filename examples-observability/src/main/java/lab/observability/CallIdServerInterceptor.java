package lab.observability;

import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.ForwardingServerCall.SimpleForwardingServerCall;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;

/**
 * Takes the caller's call id from the {@code call-id} header (or makes one when the caller
 * sent none), puts it in the call's Context, and sends it back in the response headers (or
 * the trailers, for a call that fails before replying) so a caller without an id of its own
 * can still quote it when it reports a problem.
 *
 * <p>{@link Contexts#interceptCall} attaches that Context around every callback of the call
 * (the request messages, half-close, cancel), so the id is there for unary and streaming
 * handlers alike, whichever executor thread runs each callback.
 */
public final class CallIdServerInterceptor implements ServerInterceptor {
  @Override
  public <Q, R> ServerCall.Listener<Q> interceptCall(
      ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
    String sent = headers.get(CallId.HEADER);
    String id = sent == null || sent.isBlank() ? CallId.newId() : sent;
    ServerCall<Q, R> echoing = new SimpleForwardingServerCall<>(call) {
      private boolean headersSent;

      @Override
      public void sendHeaders(Metadata responseHeaders) {
        headersSent = true;
        responseHeaders.put(CallId.HEADER, id);
        super.sendHeaders(responseHeaders);
      }

      @Override
      public void close(Status status, Metadata trailers) {
        if (!headersSent) { // a call failing before any reply: trailers are all it gets
          trailers.put(CallId.HEADER, id);
        }
        super.close(status, trailers);
      }
    };
    Context context = Context.current().withValue(CallId.CONTEXT_KEY, id);
    return Contexts.interceptCall(context, echoing, headers, next);
  }
}
