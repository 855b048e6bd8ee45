package lab.benchmarks.layers;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;

/**
 * Splits 5-byte-framed messages out of HTTP/2 DATA payloads, which cut messages anywhere, as
 * gRPC's MessageDeframer does: DATA buffers are kept (not copied) until a whole message is
 * there, then the message is copied out once.
 */
final class Deframer implements AutoCloseable {
  private final CompositeByteBuf pending = Unpooled.compositeBuffer(Integer.MAX_VALUE);
  private final byte[] payload;
  private long messages;
  private long bytes;

  Deframer(int size) {
    payload = new byte[size];
  }

  /** Takes one DATA frame's payload (the caller keeps its own reference). */
  void add(ByteBuf data) {
    pending.addComponent(true, data.retain());
    while (pending.readableBytes() >= 5) {
      int length = pending.getInt(pending.readerIndex() + 1);
      if (pending.readableBytes() < 5 + length) {
        break;
      }
      pending.skipBytes(5);
      pending.readBytes(payload, 0, length);
      messages++;
      bytes += length;
    }
    pending.discardReadComponents();
  }

  Layer.Received received() {
    return new Layer.Received(messages, bytes);
  }

  @Override
  public void close() {
    pending.release();
  }
}
