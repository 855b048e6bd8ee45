package lab.interceptors;

import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.ForwardingServerCall.SimpleForwardingServerCall;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;

/**
 * Metadata on the server. Incoming: reads the client's text and binary headers and hands them
 * to the handler through the Context (handlers never see raw headers in grpc-java). Outgoing:
 * adds a header to the initial metadata and a trailer when the call closes — on success and
 * on error alike, since trailers are where a status travels anyway.
 */
public final class ServerMetadataInterceptor implements ServerInterceptor {
  @Override
  public <Q, R> ServerCall.Listener<Q> interceptCall(
      ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
    long start = System.nanoTime();
    Context context = Context.current()
        .withValue(LabMetadata.CTX_REQUEST_ID, headers.get(LabMetadata.REQUEST_ID))
        .withValue(LabMetadata.CTX_TRACE, headers.get(LabMetadata.TRACE_BIN));
    ServerCall<Q, R> withMetadata = new SimpleForwardingServerCall<>(call) {
      private boolean headersSent;

      @Override
      public void sendHeaders(Metadata responseHeaders) {
        headersSent = true;
        responseHeaders.put(LabMetadata.SERVER, "grpc-lab");
        String requestId = headers.get(LabMetadata.REQUEST_ID);
        if (requestId != null) {
          responseHeaders.put(LabMetadata.REQUEST_ID, requestId); // echoed for correlation
        }
        super.sendHeaders(responseHeaders);
      }

      @Override
      public void close(Status status, Metadata trailers) {
        if (!headersSent) {
          // A call that fails before any reply would otherwise be "trailers-only": no
          // initial headers at all. Send ours explicitly so the client always gets them.
          sendHeaders(new Metadata());
        }
        long ms = (System.nanoTime() - start) / 1_000_000;
        trailers.put(LabMetadata.HANDLED_MS, Long.toString(ms));
        super.close(status, trailers);
      }
    };
    return Contexts.interceptCall(context, withMetadata, headers, next);
  }
}
