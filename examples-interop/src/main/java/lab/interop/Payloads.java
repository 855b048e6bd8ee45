package lab.interop;

import com.google.protobuf.ByteString;
import lab.proto.interop.Payload;

/** The interop payloads: bodies of zeros of a given size, and the check that one is. */
final class Payloads {
  private Payloads() {}

  static Payload zeros(int size) {
    return Payload.newBuilder().setBody(ByteString.copyFrom(new byte[size])).build();
  }

  static boolean isZeros(Payload payload, int size) {
    ByteString body = payload.getBody();
    if (body.size() != size) {
      return false;
    }
    for (int i = 0; i < size; i++) {
      if (body.byteAt(i) != 0) {
        return false;
      }
    }
    return true;
  }
}
