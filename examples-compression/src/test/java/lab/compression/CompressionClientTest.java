package lab.compression;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import lab.common.Main;
import lab.testing.Console;
import lab.testing.GrpcCleanupExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The README's table is what CompressionClient prints: its main's body run here against the
 * lesson's server, and each printed line read back as numbers.
 */
class CompressionClientTest {
  // "   LABEL   sent|got   WIRE bytes on the wire for   UNCOMPRESSED (PCT%)[, grpc-encoding: E]"
  private static final Pattern SIZES = Pattern.compile(
      " {3}(.+?) +(?:sent|got) +([\\d,]+) bytes on the wire for +([\\d,]+) \\( *([\\d.]+)%\\)"
          + "(?:, grpc-encoding: (\\S+))?");

  @RegisterExtension
  final GrpcCleanupExtension grpc = new GrpcCleanupExtension();

  private Console console = new Console();

  @Test
  void theClientPrintsEachCallsWireAndUncompressedSizesAsTheReadmeTableSays() throws Exception {
    var server = MeasuredServer.start(grpc);

    assertEquals(0, client(server), printed());

    Map<String, Line> lines = sizeLines();
    assertEquals(List.of("Upload TEXT, gzip", "Upload TEXT, no compression",
        "Upload RANDOM, gzip", "Upload 2 bytes of data, gzip", "Download TEXT",
        "Download RANDOM (the handler skips gzip)", "Download TEXT, client accepts no gzip",
        "Upload TEXT, gzip (the server still serves)"), List.copyOf(lines.keySet()), out());
    // 65,542 = 65,536 bytes of data + 6 bytes of field tags and lengths, on every big call.
    lines.forEach((label, line) -> assertEquals(
        label.contains("2 bytes") ? 4 : 65_542, line.uncompressed, label));
    assertTrue(lines.get("Upload TEXT, gzip").ratio() < 0.20, out());
    assertEquals(1.0, lines.get("Upload TEXT, no compression").ratio(), out());
    assertTrue(lines.get("Upload RANDOM, gzip").ratio() >= 0.99, out());
    assertTrue(lines.get("Upload 2 bytes of data, gzip").ratio() > 1, out());
    assertTrue(lines.get("Download TEXT").ratio() < 0.20, out());
    assertEquals("gzip", lines.get("Download TEXT").encoding, out());
    // A gzip call, one message sent as is.
    assertEquals(1.0, lines.get("Download RANDOM (the handler skips gzip)").ratio(), out());
    assertEquals("gzip", lines.get("Download RANDOM (the handler skips gzip)").encoding, out());
    assertEquals(1.0, lines.get("Download TEXT, client accepts no gzip").ratio(), out());
    assertEquals("identity", lines.get("Download TEXT, client accepts no gzip").encoding, out());

    assertTrue(out().contains("\n   Upload TEXT, deflate -> UNIMPLEMENTED: Can't find"
        + " decompressor for deflate; grpc-accept-encoding in the reply: null\n"), out());
    assertTrue(out().endsWith("\n   the server's grpc-accept-encoding: gzip\n"), out());
    assertStepsInOrder();
  }

  @Test
  void aServerTaughtDeflateServesTheDeflateCallAndAdvertisesIt() throws Exception {
    var server = MeasuredServer.start(grpc,
        b -> b.decompressorRegistry(CompressionServer.withDeflate()));

    assertEquals(0, client(server), printed());

    Line deflate = sizeLines().get("Upload TEXT, deflate");
    assertTrue(deflate != null && deflate.ratio() < 0.20, out());
    assertTrue(out().endsWith("\n   the server's grpc-accept-encoding: gzip,deflate\n"), out());
  }

  @Test
  void bothEndsOfTheSizeRangeRunAndOneMebibyteCompressesAboutAsWell() throws Exception {
    var server = MeasuredServer.start(grpc);

    assertEquals(0, client(server, "--size", "1"), printed());
    // 1 byte of data + 4 bytes of field tags and lengths.
    assertEquals(5, sizeLines().get("Upload TEXT, no compression").uncompressed, out());

    console = new Console(); // the second run's lines alone
    // The README's "Try it": measured 11.6 % (121,486 of 1,048,582 bytes).
    assertEquals(0, client(server, "--size", "1048576"), printed());
    Line big = sizeLines().get("Upload TEXT, gzip");
    assertEquals(1_048_582, big.uncompressed, out());
    assertTrue(big.ratio() < 0.20, out());
  }

  @Test
  void aSizeOutOfRangeIsAUsageErrorNotAStackTrace() throws Exception {
    var server = MeasuredServer.start(grpc);

    assertEquals(Main.USAGE_ERROR, client(server, "--size", "0"), printed());

    assertEquals("error: --size must be 1..1048576, got: 0\n" + CompressionClient.USAGE + "\n",
        err());
    assertEquals("", out());
  }

  private void assertStepsInOrder() {
    int one = out().indexOf("1. Client to server: compression chosen per call");
    int two = out().indexOf("2. Server to client: the server gzips Download responses");
    int three = out().indexOf("3. An encoding the server does not support");
    assertTrue(one == 0 && one < two && two < three, out());
    assertTrue(out().indexOf("Download TEXT") > two && out().indexOf("deflate") > three, out());
  }

  /** A printed size line; its percentage must be wire / uncompressed, as printed. */
  private record Line(long wire, long uncompressed, String encoding) {
    double ratio() {
      return (double) wire / uncompressed;
    }
  }

  private Map<String, Line> sizeLines() {
    Map<String, Line> lines = new LinkedHashMap<>();
    for (String text : out().split("\n")) {
      Matcher m = SIZES.matcher(text);
      if (m.matches()) {
        Line line = new Line(number(m.group(2)), number(m.group(3)), m.group(5));
        assertEquals(String.format(Locale.ROOT, "%.1f", 100 * line.ratio()), m.group(4), text);
        lines.put(m.group(1), line);
      }
    }
    return lines;
  }

  private static long number(String grouped) {
    return Long.parseLong(grouped.replace(",", ""));
  }

  /** CompressionClient's main body with {@code args} against {@code server}: the exit code. */
  private int client(MeasuredServer server, String... args) throws Exception {
    return Main.exitCode(Console.targeting(server.port(), args), CompressionClient.USAGE,
        CompressionClient.START_SERVER, flags -> CompressionClient.run(flags, console.stdout()), console.stderr());
  }

  private String out() {
    return console.out();
  }

  private String err() {
    return console.err();
  }

  private String printed() {
    return out() + err();
  }
}
