package lab.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class GrpcMessagesTest {
  @Test
  void thePrefixIsAFlagByteAndABigEndianLength() {
    assertArrayEquals(new byte[] {0, 0, 0, 0x01, 0x02}, GrpcMessages.prefix(258));
  }

  @Test
  void aBodyOfSeveralMessagesSplitsBackIntoThem() {
    byte[] body = GrpcMessages.encode(List.of(new byte[] {1}, new byte[0], new byte[] {2, 3}));
    assertArrayEquals(new byte[] {0, 0, 0, 0, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 2, 3}, body);
    List<byte[]> messages = GrpcMessages.decode(body);
    assertEquals(3, messages.size());
    assertArrayEquals(new byte[] {2, 3}, messages.get(2));
  }

  @Test
  void anEmptyMessageIsItsPrefixAloneEvenAtTheEndOfABody() {
    // A request with every field at its default (ListVideos' in the transcript): 5 bytes.
    List<byte[]> messages = GrpcMessages.decode(new byte[] {0, 0, 0, 0, 0});
    assertEquals(1, messages.size());
    assertArrayEquals(new byte[0], messages.get(0));
  }

  @Test
  void aBodyThatEndsMidMessageIsRejected() {
    assertThrows(IllegalArgumentException.class,
        () -> GrpcMessages.decode(new byte[] {0, 0, 0, 0, 5, 1, 2}));
    assertThrows(IllegalArgumentException.class, () -> GrpcMessages.decode(new byte[] {0, 0}));
  }

  @Test
  void aCompressedMessageIsRejectedWhenNoneWasAskedFor() {
    assertThrows(IllegalArgumentException.class,
        () -> GrpcMessages.decode(new byte[] {1, 0, 0, 0, 1, 7}));
  }
}
