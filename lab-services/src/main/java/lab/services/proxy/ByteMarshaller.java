package lab.services.proxy;

import io.grpc.KnownLength;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * The proxy's whole "parsing": a message stays the bytes it arrived as. By the time gRPC asks
 * a marshaller to parse, it has taken off the 5-byte frame prefix and undone any compression,
 * so each byte[] is exactly one serialized message, which the proxy passes on unread. Reading
 * it out of the transport's buffers is the one copy the proxy makes per message.
 */
final class ByteMarshaller implements MethodDescriptor.Marshaller<byte[]> {
  static final ByteMarshaller INSTANCE = new ByteMarshaller();

  private ByteMarshaller() {}

  @Override
  public InputStream stream(byte[] message) {
    return new Sized(message);
  }

  @Override
  public byte[] parse(InputStream stream) {
    try {
      return stream.readAllBytes();
    } catch (IOException e) {
      throw Status.INTERNAL.withDescription("could not read a message").withCause(e)
          .asRuntimeException();
    }
  }

  /**
   * A stream whose length gRPC can ask for (KnownLength): it then writes the frame prefix and
   * the bytes straight into the transport's buffer, instead of first copying the message
   * aside to count it.
   */
  private static final class Sized extends ByteArrayInputStream implements KnownLength {
    Sized(byte[] message) {
      super(message);
    }
  }
}
