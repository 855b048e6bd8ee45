package lab.interop;

import com.google.protobuf.MessageLite;
import io.grpc.Context;
import io.grpc.Metadata;
import io.grpc.ServerStreamTracer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Tells a server handler whether request message N crossed the wire compressed (the
 * CompressedRequest feature). grpc-java hands handlers decompressed messages and no flag, but
 * a stream tracer sees each message's wire size: a message sent uncompressed is exactly its
 * serialized size on the wire, a compressed one (the interop payloads are all zeros) is far
 * smaller. The tracer puts itself in the call's Context, so the handler can ask it.
 */
final class InboundCompression extends ServerStreamTracer {
  private static final Context.Key<InboundCompression> KEY = Context.key("inbound-compression");

  static final ServerStreamTracer.Factory FACTORY = new ServerStreamTracer.Factory() {
    @Override
    public ServerStreamTracer newServerStreamTracer(String fullMethodName, Metadata headers) {
      return new InboundCompression();
    }
  };

  // seqNo (from 0) -> bytes on the wire. Written on the transport thread before the message
  // is handed to the handler, so the handler always finds its entry.
  private final Map<Integer, Long> wireSizes = new ConcurrentHashMap<>();

  @Override
  public Context filterContext(Context context) {
    return context.withValue(KEY, this);
  }

  @Override
  public void inboundMessageRead(int seqNo, long optionalWireSize, long optionalUncompressed) {
    wireSizes.put(seqNo, optionalWireSize);
  }

  /** Whether the {@code seqNo}-th request (from 0), parsed into {@code message}, was compressed. */
  static boolean arrivedCompressed(int seqNo, MessageLite message) {
    InboundCompression tracer = KEY.get();
    if (tracer == null) {
      // No tracer (for example an in-process transport, which never compresses).
      return false;
    }
    Long wire = tracer.wireSizes.get(seqNo);
    return wire != null && wire >= 0 && wire != message.getSerializedSize();
  }
}
