package lab.compression;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * The line the server logs for every call (CompressionServer hands each CallBytes to its log):
 * both directions, wire bytes beside uncompressed bytes, and their ratio.
 */
class CallBytesTest {

  @Test
  void aCallsLogLineGivesEachDirectionsWireAndUncompressedBytesAndTheirRatio() {
    var upload = new CallBytes("compression.PayloadService/Upload", 4, 2, 7_809, 65_542);

    assertEquals("compression.PayloadService/Upload: sent 4 bytes on the wire for 2 (200.0%),"
        + " received 7,809 bytes on the wire for 65,542 (11.9%)", upload.toString());
  }

  @Test
  void aDirectionThatCarriedNothingHasNoRatioRatherThanNaN() {
    // A call refused before its request was read: nothing received, so 0 / 0.
    var refused = new CallBytes("compression.PayloadService/Upload", 0, 0, 0, 0);

    assertEquals("compression.PayloadService/Upload: sent 0 bytes on the wire for 0,"
        + " received 0 bytes on the wire for 0", refused.toString());
  }
}
