package lab.interop;

import com.google.protobuf.MessageLite;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ClientStreamTracer;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Whether each reply of a call arrived with the compressed flag (the server_compressed_*
 * cases). A grpc-java client gets replies already decompressed; a stream tracer sees each
 * one's size on the wire, and an uncompressed reply is exactly its serialized size there.
 * Add it to a stub with {@code withInterceptors(recorder)}.
 */
final class ReplyCompression implements ClientInterceptor {
  private final Map<Integer, Long> wireSizes = new ConcurrentHashMap<>();

  @Override
  public <Q, R> ClientCall<Q, R> interceptCall(
      MethodDescriptor<Q, R> method, CallOptions options, Channel next) {
    ClientStreamTracer.Factory factory = new ClientStreamTracer.Factory() {
      @Override
      public ClientStreamTracer newClientStreamTracer(
          ClientStreamTracer.StreamInfo info, Metadata headers) {
        return new ClientStreamTracer() {
          @Override
          public void inboundMessageRead(int seqNo, long wireSize, long uncompressedSize) {
            wireSizes.put(seqNo, wireSize);
          }
        };
      }
    };
    return next.newCall(method, options.withStreamTracerFactory(factory));
  }

  /** Whether reply {@code seqNo} (from 0), parsed into {@code reply}, had the compressed flag. */
  boolean compressed(int seqNo, MessageLite reply) {
    Long wire = wireSizes.get(seqNo);
    Expect.that(wire != null && wire >= 0, "no wire size recorded for reply " + seqNo);
    return wire != reply.getSerializedSize();
  }
}
