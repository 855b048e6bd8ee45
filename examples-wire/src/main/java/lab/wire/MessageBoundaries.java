package lab.wire;

import java.nio.ByteBuffer;
import java.util.function.Consumer;

/**
 * Follows the length-prefixed messages of one direction of one stream through its DATA
 * frames, and says where each message starts, continues and ends: frames do not line up with
 * messages, so this state has to live across frames.
 */
final class MessageBoundaries {
  private final byte[] prefix = new byte[GrpcMessages.PREFIX_BYTES];
  private int prefixHave;
  private int messageLeft; // bytes of the current message not seen yet; 0 = a prefix is next

  void describe(byte[] data, Consumer<String> line) {
    int i = 0;
    while (i < data.length) {
      if (messageLeft > 0) {
        int take = Math.min(messageLeft, data.length - i);
        messageLeft -= take;
        line.accept("... " + take + " more bytes of that message"
            + (messageLeft == 0 ? " (now complete)" : "") + ": " + hex(data, i, take));
        i += take;
        continue;
      }
      int take = Math.min(prefix.length - prefixHave, data.length - i);
      System.arraycopy(data, i, prefix, prefixHave, take);
      prefixHave += take;
      i += take;
      if (prefixHave < prefix.length) {
        line.accept("[" + hex(prefix, 0, prefixHave) + "] prefix continues in the next frame");
        return;
      }
      prefixHave = 0;
      int length = ByteBuffer.wrap(prefix, 1, 4).getInt();
      int here = Math.min(length, data.length - i);
      String head = "[" + hex(prefix, 0, prefix.length) + "] flag=" + prefix[0] + " length="
          + length;
      line.accept(head + (here < length ? ", " + here + " bytes in this frame" : "") + ": "
          + hex(data, i, here));
      messageLeft = length - here;
      i += here;
    }
  }

  private static String hex(byte[] bytes, int from, int count) {
    StringBuilder s = new StringBuilder();
    for (int k = 0; k < Math.min(count, 12); k++) {
      s.append(String.format("%02x ", bytes[from + k]));
    }
    return count == 0 ? "(empty)" : (count > 12 ? s.append("...") : s).toString().trim();
  }
}
