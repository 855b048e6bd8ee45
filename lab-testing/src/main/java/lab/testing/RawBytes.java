package lab.testing;

import io.grpc.MethodDescriptor;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Calls made of bytes, not messages: a test that must send what no generated stub will (bytes
 * that are not protobuf, a message gzipped by hand) or read a reply undecoded uses a method
 * whose marshallers pass bytes through unchanged in both directions.
 */
public final class RawBytes implements MethodDescriptor.Marshaller<byte[]> {
  /** The pass-through marshaller; it keeps no state, so one serves every call. */
  public static final RawBytes MARSHALLER = new RawBytes();

  private RawBytes() {}

  /** {@code method} (same name, type and options) with bytes for its request and reply. */
  public static MethodDescriptor<byte[], byte[]> of(MethodDescriptor<?, ?> method) {
    return method.toBuilder(MARSHALLER, MARSHALLER).build();
  }

  /** A unary method of bytes named {@code fullMethodName}, which no server need know. */
  public static MethodDescriptor<byte[], byte[]> unary(String fullMethodName) {
    return MethodDescriptor.newBuilder(MARSHALLER, MARSHALLER)
        .setType(MethodDescriptor.MethodType.UNARY).setFullMethodName(fullMethodName).build();
  }

  @Override
  public InputStream stream(byte[] value) {
    return new ByteArrayInputStream(value);
  }

  @Override
  public byte[] parse(InputStream stream) {
    try {
      return stream.readAllBytes();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
