package lab.check;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http2.DefaultHttp2HeadersDecoder;
import java.io.ByteArrayInputStream;
import java.util.zip.GZIPInputStream;
import lab.proto.video.Video;
import org.junit.jupiter.api.Test;

class PayloadsTest {
  @Test
  void aFillerIsExactlyItsSizeAndParsesAsAnyMessageWithOneUnknownField() throws Exception {
    // sizes on each side of the length's varint growing a byte
    // sizes on each side of the length's varint growing a byte
    for (int size : new int[] {8, 130, 131, 132, 16_384, 16_387, 16_388, 16_389, 2_097_155,
        2_097_156, 3_000_000, BadInput.BOMB_SIZE}) {
      byte[] filler = Payloads.filler(size);
      assertEquals(size, filler.length, "size " + size);
      Video video = Video.parseFrom(filler);
      assertEquals(Video.getDefaultInstance(), video.toBuilder().setUnknownFields(
          com.google.protobuf.UnknownFieldSet.getDefaultInstance()).build());
      var field = video.getUnknownFields().getField(1000).getLengthDelimitedList();
      assertEquals(1, field.size());
      assertTrue(field.get(0).size() >= size - 6 && field.get(0).size() <= size - 3,
          "size " + size + ": " + field.get(0).size() + " bytes of zeros");
    }
  }

  @Test
  void aGzipBombIsSmallAndInflatesToAFillerOfItsFullSize() throws Exception {
    byte[] bomb = Payloads.gzipBomb(BadInput.BOMB_SIZE);
    assertTrue(bomb.length < 64 * 1024, bomb.length + " bytes");
    byte[] inflated = new GZIPInputStream(new ByteArrayInputStream(bomb)).readAllBytes();
    assertArrayEquals(Payloads.filler(BadInput.BOMB_SIZE), inflated);
  }

  @Test
  void aMessagesPrefixSaysCompressedOrNotAndTheLengthItClaimsBigEndian() {
    assertArrayEquals(new byte[] {0, 0, 0, 0, 2, 8, 1}, Payloads.message(new byte[] {8, 1}, false));
    assertArrayEquals(new byte[] {1, 0x7f, -1, -1, -1, 8},
        Payloads.prefixed(new byte[] {8}, Integer.MAX_VALUE, true));
  }

  @Test
  void aLiteralFieldDecodesToItsNameAndValueShortOrLong() throws Exception {
    for (int length : new int[] {0, 126, 127, 128, 254, 255, 256, 16_000}) {
      String value = "v".repeat(length);
      var headers = new DefaultHttp2HeadersDecoder(false, 1 << 20).decodeHeaders(1,
          Unpooled.wrappedBuffer(Payloads.literalField("x-name", value)));
      assertEquals(value, headers.get("x-name").toString(), "length " + length);
      assertEquals(1, headers.size());
    }
  }
}
