package lab.common;

import io.grpc.ForwardingServerCallListener.SimpleForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.MethodDescriptor.Marshaller;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerMethodDefinition;
import io.grpc.ServerServiceDefinition;
import io.grpc.ServiceDescriptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Answers a request that is not a valid message with INTERNAL, the code gRPC's status-code
 * table gives for "error parsing request proto", and a message saying so.
 *
 * <p>grpc-java parses the request before any interceptor or handler sees it; when parsing
 * throws (bytes that are not protobuf, invalid UTF-8 in a string field) it answers UNKNOWN
 * "Application error processing RPC" and logs a SEVERE stack trace per request, so a client
 * sending garbage floods the server's log. Here the request marshaller catches the failure and
 * hands the call a marker instead, and the call is closed with INTERNAL before the handler
 * runs: one status, no stack trace.
 */
public final class ParseFailures {
  private ParseFailures() {}

  /** {@code service}, with every method's request parsing guarded. */
  public static ServerServiceDefinition guard(ServerServiceDefinition service) {
    ServiceDescriptor original = service.getServiceDescriptor();
    List<ServerMethodDefinition<Object, ?>> methods = new ArrayList<>();
    for (ServerMethodDefinition<?, ?> method : service.getMethods()) {
      methods.add(guard(method));
    }
    // Same name and schema (so server reflection still describes it), lenient methods.
    var descriptor = ServiceDescriptor.newBuilder(original.getName())
        .setSchemaDescriptor(original.getSchemaDescriptor());
    methods.forEach(m -> descriptor.addMethod(m.getMethodDescriptor()));
    var guarded = ServerServiceDefinition.builder(descriptor.build());
    methods.forEach(guarded::addMethod);
    return guarded.build();
  }

  private static <Q, R> ServerMethodDefinition<Object, R> guard(ServerMethodDefinition<Q, R> m) {
    MethodDescriptor<Q, R> descriptor = m.getMethodDescriptor();
    MethodDescriptor<Object, R> lenient = descriptor.toBuilder(
        new LenientMarshaller<>(descriptor.getRequestMarshaller()),
        descriptor.getResponseMarshaller()).build();
    return ServerMethodDefinition.create(lenient, new GuardedHandler<>(m.getServerCallHandler()));
  }

  /** What the lenient marshaller returns in place of a request it could not parse. */
  private record Unparseable(Status status) {}

  /** Parses as the real marshaller does, but returns {@link Unparseable} instead of throwing. */
  private record LenientMarshaller<Q>(Marshaller<Q> real) implements Marshaller<Object> {
    @Override
    @SuppressWarnings("unchecked")
    public InputStream stream(Object value) {
      return real.stream((Q) value);
    }

    @Override
    public Object parse(InputStream stream) {
      try {
        return real.parse(stream);
      } catch (StatusRuntimeException e) {
        // grpc-java's own verdicts while reading (e.g. RESOURCE_EXHAUSTED for a message that
        // decompresses past the limit) already carry the right code
        return new Unparseable(e.getStatus());
      } catch (RuntimeException e) {
        Throwable cause = e.getCause() != null ? e.getCause() : e;
        return new Unparseable(Status.INTERNAL.withDescription(
            "the request is not a valid message: " + cause.getMessage()));
      }
    }
  }

  /** Closes the call at the first unparseable request; the real handler never sees it. */
  private record GuardedHandler<Q, R>(ServerCallHandler<Q, R> real)
      implements ServerCallHandler<Object, R> {
    @Override
    @SuppressWarnings("unchecked")
    public ServerCall.Listener<Object> startCall(ServerCall<Object, R> call, Metadata headers) {
      var listener = (ServerCall.Listener<Object>) real.startCall((ServerCall<Q, R>) call, headers);
      return new SimpleForwardingServerCallListener<>(listener) {
        private boolean closed;

        @Override
        public void onMessage(Object message) {
          if (closed) {
            return;
          }
          if (message instanceof Unparseable bad) {
            closed = true;
            call.close(bad.status(), new Metadata());
            return;
          }
          super.onMessage(message);
        }

        @Override
        public void onHalfClose() {
          if (!closed) {
            super.onHalfClose();
          }
        }
      };
    }
  }
}
