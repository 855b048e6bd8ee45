package lab.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Frames do not line up with messages: the transcript follows each message through the DATA
 * frames that carry it, and says where it starts, continues and ends.
 */
class MessageBoundariesTest {

  @Test
  void aMessageSpanningThreeFramesIsShownStartingContinuingAndEndingBeforeTheNext() {
    byte[] body = GrpcMessages.encode(List.of(count(20), new byte[] {(byte) 0xaa, (byte) 0xbb}));
    MessageBoundaries boundaries = new MessageBoundaries();

    // Frame 1: the prefix and 8 of 20 bytes; frame 2: 7 more; frame 3: the last 5, then the
    // whole second message.
    assertEquals(List.of(
        "[00 00 00 00 14] flag=0 length=20, 8 bytes in this frame: 00 01 02 03 04 05 06 07"),
        lines(boundaries, Arrays.copyOfRange(body, 0, 13)));
    assertEquals(List.of("... 7 more bytes of that message: 08 09 0a 0b 0c 0d 0e"),
        lines(boundaries, Arrays.copyOfRange(body, 13, 20)));
    assertEquals(List.of("... 5 more bytes of that message (now complete): 0f 10 11 12 13",
        "[00 00 00 00 02] flag=0 length=2: aa bb"),
        lines(boundaries, Arrays.copyOfRange(body, 20, body.length)));
  }

  @Test
  void aMessageShowsItsFirstTwelveBytesAndAnEllipsisOnlyWhenThereAreMore() {
    assertEquals(List.of("[00 00 00 00 0c] flag=0 length=12: 00 01 02 03 04 05 06 07 08 09 0a 0b",
        "[00 00 00 00 0d] flag=0 length=13: 00 01 02 03 04 05 06 07 08 09 0a 0b ..."),
        lines(new MessageBoundaries(), GrpcMessages.encode(List.of(count(12), count(13)))));
  }

  /** 0, 1, 2, ...: each byte says where it is. */
  private static byte[] count(int length) {
    byte[] bytes = new byte[length];
    for (int i = 0; i < length; i++) {
      bytes[i] = (byte) i;
    }
    return bytes;
  }

  private static List<String> lines(MessageBoundaries boundaries, byte[] frame) {
    List<String> lines = new ArrayList<>();
    boundaries.describe(frame, lines::add);
    return lines;
  }
}
