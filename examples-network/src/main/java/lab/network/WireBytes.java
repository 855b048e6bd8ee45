package lab.network;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ClientStreamTracer;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts the reply bytes of the calls it intercepts twice: as they came over the wire
 * (compressed, when the server compressed them) and as the messages they became. A stream
 * tracer sees both sizes of every message; the ratio is what compression saved on the link.
 */
final class WireBytes implements ClientInterceptor {
  private final AtomicLong wire = new AtomicLong();
  private final AtomicLong messages = new AtomicLong();

  private final ClientStreamTracer.Factory tracers = new ClientStreamTracer.Factory() {
    @Override
    public ClientStreamTracer newClientStreamTracer(ClientStreamTracer.StreamInfo info,
        Metadata headers) {
      return new ClientStreamTracer() {
        @Override
        public void inboundWireSize(long bytes) {
          wire.addAndGet(bytes);
        }

        @Override
        public void inboundUncompressedSize(long bytes) {
          messages.addAndGet(bytes);
        }
      };
    }
  };

  @Override
  public <Q, R> ClientCall<Q, R> interceptCall(MethodDescriptor<Q, R> method,
      CallOptions options, Channel next) {
    return next.newCall(method, options.withStreamTracerFactory(tracers));
  }

  long wire() {
    return wire.get();
  }

  long messages() {
    return messages.get();
  }
}
