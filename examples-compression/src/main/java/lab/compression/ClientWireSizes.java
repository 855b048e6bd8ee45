package lab.compression;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ClientStreamTracer;
import io.grpc.ForwardingClientCall.SimpleForwardingClientCall;
import io.grpc.ForwardingClientCallListener.SimpleForwardingClientCallListener;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import java.util.function.Consumer;

/**
 * Measures every call of a channel on the wire, from the client's side, and hands each
 * finished call's {@link CallBytes} to {@code sink}. A stream tracer is where grpc-java reports
 * sizes both before and after compression; it rides on the CallOptions, so an interceptor is
 * how every call gets one.
 *
 * <p>The sizes are reported when the call closes, not when the tracer's stream closes: on the
 * client, a response is decompressed while the application reads it, which can be after the
 * transport has already closed the stream. By {@code onClose} every message has been read.
 */
public final class ClientWireSizes implements ClientInterceptor {
  private final Consumer<CallBytes> sink;

  public ClientWireSizes(Consumer<CallBytes> sink) {
    this.sink = sink;
  }

  @Override
  public <ReqT, RespT> ClientCall<ReqT, RespT> interceptCall(MethodDescriptor<ReqT, RespT> method,
      CallOptions callOptions, Channel next) {
    // One counter per call: if the call is retried, every attempt's bytes are counted.
    CallBytes.Counter counter = new CallBytes.Counter();
    ClientStreamTracer.Factory tracers = new ClientStreamTracer.Factory() {
      @Override
      public ClientStreamTracer newClientStreamTracer(ClientStreamTracer.StreamInfo info,
          Metadata headers) {
        return new CountingTracer(counter);
      }
    };
    ClientCall<ReqT, RespT> call = next.newCall(method, callOptions.withStreamTracerFactory(tracers));
    return new SimpleForwardingClientCall<>(call) {
      @Override
      public void start(Listener<RespT> listener, Metadata headers) {
        super.start(new SimpleForwardingClientCallListener<>(listener) {
          @Override
          public void onClose(Status status, Metadata trailers) {
            sink.accept(counter.snapshot(method.getFullMethodName()));
            super.onClose(status, trailers);
          }
        }, headers);
      }
    };
  }

  /** The four size callbacks every StreamTracer has: ServerWireSizes counts the same four. */
  private static final class CountingTracer extends ClientStreamTracer {
    private final CallBytes.Counter counter;

    CountingTracer(CallBytes.Counter counter) {
      this.counter = counter;
    }

    // One line each, like ServerWireSizes: the same four callbacks, written once per side.
    @Override public void outboundWireSize(long bytes) { counter.sentWire.addAndGet(bytes); }
    @Override public void outboundUncompressedSize(long bytes) { counter.sentUncompressed.addAndGet(bytes); }
    @Override public void inboundWireSize(long bytes) { counter.receivedWire.addAndGet(bytes); }
    @Override public void inboundUncompressedSize(long bytes) { counter.receivedUncompressed.addAndGet(bytes); }
  }
}
