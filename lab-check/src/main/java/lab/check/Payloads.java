package lab.check;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPOutputStream;

/** The bytes the checks send: gRPC messages good and bad, a gzip bomb, HPACK header fields. */
final class Payloads {
  private Payloads() {}

  /** A gRPC message: the compressed flag, the 4-byte length, the bytes. */
  static byte[] message(byte[] bytes, boolean compressed) {
    return prefixed(bytes, bytes.length, compressed);
  }

  /** {@code bytes} behind a prefix claiming {@code claimed} bytes (a lie, for bad input). */
  static byte[] prefixed(byte[] bytes, int claimed, boolean compressed) {
    byte[] framed = new byte[5 + bytes.length];
    framed[0] = (byte) (compressed ? 1 : 0);
    byte[] length = H2Connection.int32(claimed);
    System.arraycopy(length, 0, framed, 1, 4);
    System.arraycopy(bytes, 0, framed, 5, bytes.length);
    return framed;
  }

  /**
   * A valid message of any type, {@code size} bytes long (at least 8): field 1000, which no
   * method's request has, so every parser keeps it as an unknown field, length-delimited,
   * holding zeros. (Zeros alone are not a message: tag 0 is invalid.)
   */
  static byte[] filler(int size) {
    ByteArrayOutputStream m = new ByteArrayOutputStream(size);
    m.write(0xc2); // tag of field 1000, wire type 2 (length-delimited), as a varint: c2 3e
    m.write(0x3e);
    // The length as a varint of k bytes, 7 bits a byte, low first. Next to a boundary its
    // minimal form is a byte short of the size asked; it is then padded (an overlong varint,
    // which the wire format allows and every parser reads).
    int k = varintSize(size - 3);
    int length = size - 2 - k;
    for (int i = 0; i < k; i++) {
      m.write(length >>> 7 * i & 0x7f | (i < k - 1 ? 0x80 : 0));
    }
    m.writeBytes(new byte[length]);
    return m.toByteArray();
  }

  private static int varintSize(int value) {
    return value < 1 << 7 ? 1 : value < 1 << 14 ? 2 : value < 1 << 21 ? 3 : 4;
  }

  /** {@link #filler} of {@code size} bytes, gzipped: a few KiB that inflate to {@code size}. */
  static byte[] gzipBomb(int size) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
      gzip.write(filler(size));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /**
   * One HPACK header field, a literal without indexing and without Huffman coding (RFC 7541,
   * 6.2.2): decodable on its own, and it leaves the server's dynamic table alone.
   */
  static byte[] literalField(String name, String value) {
    ByteArrayOutputStream field = new ByteArrayOutputStream();
    field.write(0);
    string(field, name.getBytes(StandardCharsets.US_ASCII));
    string(field, value.getBytes(StandardCharsets.US_ASCII));
    return field.toByteArray();
  }

  /** An HPACK string: its length as a 7-bit-prefix integer (RFC 7541, 5.1), then the bytes. */
  private static void string(ByteArrayOutputStream out, byte[] bytes) {
    int length = bytes.length;
    if (length < 127) {
      out.write(length);
    } else {
      out.write(127);
      for (length -= 127; length >= 128; length >>>= 7) {
        out.write(length & 0x7f | 0x80);
      }
      out.write(length);
    }
    out.writeBytes(bytes);
  }
}
