package lab.testing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.grpc.MethodDescriptor;
import lab.proto.routeguide.RouteGuideGrpc;
import org.junit.jupiter.api.Test;

class RawBytesTest {
  @Test
  void aMethodOfBytesKeepsTheOriginalsNameAndTypeAndPassesBytesThrough() {
    MethodDescriptor<byte[], byte[]> raw = RawBytes.of(RouteGuideGrpc.getRouteChatMethod());

    assertEquals(RouteGuideGrpc.getRouteChatMethod().getFullMethodName(),
        raw.getFullMethodName());
    assertEquals(MethodDescriptor.MethodType.BIDI_STREAMING, raw.getType());
    byte[] notProtobuf = {(byte) 0xff, 0, 1};
    assertArrayEquals(notProtobuf, raw.parseRequest(raw.streamRequest(notProtobuf)));
    assertArrayEquals(notProtobuf, raw.getResponseMarshaller().parse(
        raw.getResponseMarshaller().stream(notProtobuf)));
  }
}
