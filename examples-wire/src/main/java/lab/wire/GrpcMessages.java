package lab.wire;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * The body of a gRPC request or response: a sequence of length-prefixed messages, each a
 * 1-byte compressed flag (0 = not compressed), a 4-byte big-endian length, then that many
 * bytes of protobuf. HTTP/2 DATA frames carry the body with no regard for these boundaries:
 * one frame may hold several messages, and one message may span several frames.
 */
public final class GrpcMessages {
  public static final int PREFIX_BYTES = 5;

  private GrpcMessages() {}

  /** Prefixes each message and concatenates them: the whole body of a call. */
  public static byte[] encode(List<byte[]> messages) {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    for (byte[] message : messages) {
      body.writeBytes(prefix(message.length));
      body.writeBytes(message);
    }
    return body.toByteArray();
  }

  public static byte[] encode(byte[] message) {
    return encode(List.of(message));
  }

  /** The 5-byte prefix of an uncompressed message of {@code length} bytes. */
  public static byte[] prefix(int length) {
    return ByteBuffer.allocate(PREFIX_BYTES).put((byte) 0).putInt(length).array();
  }

  /**
   * Splits a whole body back into messages. Fails on a compressed message (this client never
   * asks for compression, so a server must not send one) and on a body that ends mid-message.
   */
  public static List<byte[]> decode(byte[] body) {
    ByteBuffer in = ByteBuffer.wrap(body);
    List<byte[]> messages = new ArrayList<>();
    while (in.hasRemaining()) {
      if (in.remaining() < PREFIX_BYTES) {
        throw new IllegalArgumentException("body ends inside a message prefix");
      }
      byte compressed = in.get();
      int length = in.getInt();
      if (compressed != 0) {
        throw new IllegalArgumentException("compressed message; none was asked for");
      }
      if (length < 0 || length > in.remaining()) {
        throw new IllegalArgumentException("message of " + length + " bytes, body has "
            + in.remaining() + " left");
      }
      byte[] message = new byte[length];
      in.get(message);
      messages.add(message);
    }
    return messages;
  }
}
