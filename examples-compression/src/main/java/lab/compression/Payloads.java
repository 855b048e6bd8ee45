package lab.compression;

import com.google.protobuf.ByteString;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import lab.proto.compression.PayloadKind;

/**
 * Makes payloads of an exact size. TEXT looks like a JSON log (records that differ only in
 * their numbers), the kind of data gzip was made for; RANDOM is what compressed or encrypted
 * data looks like to gzip: no repetition to find. Both are deterministic, so every run, test
 * and README number is reproducible.
 */
public final class Payloads {
  public static final int MAX_SIZE_BYTES = 1 << 20;
  private static final long SEED = 50057;

  private Payloads() {}

  public static ByteString of(PayloadKind kind, int sizeBytes) {
    return switch (kind) {
      case TEXT -> text(sizeBytes);
      case RANDOM -> random(sizeBytes);
      default -> throw new IllegalArgumentException("no payload of kind " + kind);
    };
  }

  static ByteString text(int sizeBytes) {
    Random random = new Random(SEED);
    StringBuilder text = new StringBuilder(sizeBytes + 200);
    for (int i = 0; text.length() < sizeBytes; i++) {
      text.append("{\"id\":\"v").append(10_000 + i)
          .append("\",\"title\":\"Lesson ").append(i)
          .append("\",\"author\":\"author-").append(random.nextInt(50))
          .append("\",\"url\":\"https://videos.example/v").append(10_000 + i)
          .append("\",\"duration\":").append(60 + random.nextInt(3_600))
          .append("}\n");
    }
    text.setLength(sizeBytes);
    return ByteString.copyFrom(text.toString(), StandardCharsets.US_ASCII);
  }

  static ByteString random(int sizeBytes) {
    byte[] bytes = new byte[sizeBytes];
    new Random(SEED).nextBytes(bytes);
    return ByteString.copyFrom(bytes);
  }
}
