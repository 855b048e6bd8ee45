package lab.benchmarks.layers;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/**
 * How the Netty layers' servers write: several 5-byte-framed messages per buffer, up to one
 * HTTP/2 DATA frame's worth (16 KiB), as gRPC's MessageFramer packs small messages into one
 * buffer before handing it to the transport. Without it every 16-byte message would cost a
 * pipeline write of its own, a cost gRPC does not pay.
 */
final class Frames {
  static final int BATCH_BYTES = 16 << 10;

  private Frames() {}

  /** Messages in the next buffer: as many as fit in 16 KiB, at least one. */
  static int perBuffer(int size, int remaining) {
    return Math.min(remaining, Math.max(1, BATCH_BYTES / (5 + size)));
  }

  /** {@code messages} frames of {@code payload}, in one pooled direct buffer. */
  static ByteBuf write(ByteBufAllocator alloc, byte[] payload, int messages) {
    ByteBuf buffer = alloc.directBuffer(messages * (5 + payload.length));
    for (int i = 0; i < messages; i++) {
      buffer.writeByte(0).writeInt(payload.length).writeBytes(payload);
    }
    return buffer;
  }
}
