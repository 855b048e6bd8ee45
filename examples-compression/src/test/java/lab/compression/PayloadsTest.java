package lab.compression;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * TEXT is what gzip was made for because of its shape: records like a JSON log that differ
 * only in their numbers. The compression ratios the README quotes depend on that shape.
 */
class PayloadsTest {
  private static final Pattern RECORD = Pattern.compile("\\{\"id\":\"v(\\d+)\","
      + "\"title\":\"Lesson (\\d+)\",\"author\":\"author-(\\d+)\","
      + "\"url\":\"https://videos.example/v(\\d+)\",\"duration\":(\\d+)}");

  @Test
  void textIsNumberedJsonRecordsThatDifferOnlyInTheirNumbers() {
    String text = Payloads.text(4096).toString(StandardCharsets.US_ASCII);

    assertEquals(4096, text.length());
    String[] lines = text.split("\n");
    assertTrue(lines.length > 20, "many records, got " + lines.length);
    // Every record but the last, which is cut at the exact size.
    for (int i = 0; i < lines.length - 1; i++) {
      Matcher m = RECORD.matcher(lines[i]);
      assertTrue(m.matches(), "record " + i + ": " + lines[i]);
      assertEquals(10_000 + i, Integer.parseInt(m.group(1)), lines[i]);
      assertEquals(i, Integer.parseInt(m.group(2)), lines[i]);
      assertTrue(Integer.parseInt(m.group(3)) < 50, lines[i]);
      assertEquals(m.group(1), m.group(4), "the url names the record's id: " + lines[i]);
      int duration = Integer.parseInt(m.group(5));
      assertTrue(duration >= 60 && duration < 3_660, lines[i]);
    }
    assertTrue(lines[lines.length - 1].startsWith("{\"id\":\"v"), "a cut record");
  }
}
