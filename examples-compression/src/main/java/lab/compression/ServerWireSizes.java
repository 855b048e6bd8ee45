package lab.compression;

import io.grpc.Metadata;
import io.grpc.ServerStreamTracer;
import io.grpc.Status;
import java.util.function.Consumer;

/**
 * Measures every call a server handles on the wire, from the server's side: install it with
 * {@code addStreamTracerFactory}. Each finished stream is handed to {@code sink}.
 */
public final class ServerWireSizes extends ServerStreamTracer.Factory {
  private final Consumer<CallBytes> sink;

  public ServerWireSizes(Consumer<CallBytes> sink) {
    this.sink = sink;
  }

  @Override
  public ServerStreamTracer newServerStreamTracer(String fullMethodName, Metadata headers) {
    CallBytes.Counter counter = new CallBytes.Counter();
    return new ServerStreamTracer() {
      // One line each, like ClientWireSizes: the same four callbacks, written once per side.
      @Override public void outboundWireSize(long bytes) { counter.sentWire.addAndGet(bytes); }
      @Override public void outboundUncompressedSize(long bytes) { counter.sentUncompressed.addAndGet(bytes); }
      @Override public void inboundWireSize(long bytes) { counter.receivedWire.addAndGet(bytes); }
      @Override public void inboundUncompressedSize(long bytes) { counter.receivedUncompressed.addAndGet(bytes); }

      @Override
      public void streamClosed(Status status) {
        sink.accept(counter.snapshot(fullMethodName));
      }
    };
  }
}
