package lab.common;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.grpc.netty.shaded.io.netty.buffer.ByteBuf;
import io.grpc.netty.shaded.io.netty.buffer.ByteBufUtil;
import io.grpc.netty.shaded.io.netty.buffer.Unpooled;
import io.grpc.netty.shaded.io.netty.channel.embedded.EmbeddedChannel;
import io.grpc.netty.shaded.io.netty.handler.codec.http2.Http2Error;
import io.grpc.netty.shaded.io.netty.handler.codec.http2.Http2Exception;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The SETTINGS budget on its own, bytes in and bytes out (Netty's EmbeddedChannel, no
 * sockets): what it counts, what it passes on, and where it cuts. ConnectionLimitsTest and
 * LabServerTlsTest show it in a server, lab-reliability's SettingsFloodTest under a flood.
 */
class SettingsBudgetTest {
  private static final byte[] PREFACE =
      "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] SETTINGS = frame(4, 0, new byte[0]);
  private static final byte[] SETTINGS_ACK = frame(4, 1, new byte[0]);

  private final AtomicLong clock = new AtomicLong();
  private EmbeddedChannel channel;
  private Exception fired;

  @AfterEach
  void close() {
    channel.finishAndReleaseAll();
  }

  @Test
  void settingsWithinTheBudgetPassUntouchedAndAcknowledgementsAreNotCounted() {
    channel = budgetOf(2);
    byte[] sent = concat(PREFACE, SETTINGS_ACK, SETTINGS_ACK, SETTINGS, SETTINGS_ACK, SETTINGS);
    feed(Unpooled.wrappedBuffer(sent));
    assertEquals(null, fired, "nothing fired");
    assertArrayEquals(sent, passedOn());
  }

  @Test
  void theFrameThatBreaksTheBudgetAndEverythingAfterItAreHeldBackAndAGoAwayIsAskedFor() {
    channel = budgetOf(2);
    byte[] allowed = concat(PREFACE, SETTINGS, SETTINGS);
    // a buffer whose readable bytes start past its first byte, as a reused one may
    ByteBuf read = Unpooled.wrappedBuffer(concat(new byte[] {42}, allowed, SETTINGS, SETTINGS));
    feed(read.skipBytes(1));
    assertEnhanceYourCalm();
    assertArrayEquals(allowed, passedOn());
    feed(Unpooled.wrappedBuffer(SETTINGS));
    assertArrayEquals(new byte[0], passedOn(), "nothing more once the connection is going");
  }

  @Test
  void framesSplitAcrossReadsAreCountedTheSame() {
    channel = budgetOf(2);
    byte[] sent = concat(PREFACE, SETTINGS, frame(0, 0, new byte[300]), SETTINGS, SETTINGS);
    for (byte b : sent) {
      feed(Unpooled.wrappedBuffer(new byte[] {b}));
    }
    assertEnhanceYourCalm();
    // the third SETTINGS frame's header began in earlier reads: those bytes went through
    assertArrayEquals(java.util.Arrays.copyOf(sent, sent.length - 1), passedOn());
  }

  @Test
  void aPayloadIsSkippedEvenWhenItsBytesLookLikeSettingsFrames() {
    channel = budgetOf(1);
    byte[] lookalikes = concat(SETTINGS, SETTINGS, SETTINGS);
    byte[] sent = concat(PREFACE, SETTINGS, frame(0, 0, lookalikes));
    feed(Unpooled.wrappedBuffer(sent));
    assertEquals(null, fired);
    assertArrayEquals(sent, passedOn());
  }

  @Test
  void theCountStartsAgainInEachWindow() {
    channel = budgetOf(2);
    feed(Unpooled.wrappedBuffer(concat(PREFACE, SETTINGS, SETTINGS)));
    clock.addAndGet(Duration.ofSeconds(10).toNanos() - 1);
    feed(Unpooled.wrappedBuffer(SETTINGS)); // still the first window: 3rd
    assertEnhanceYourCalm();

    channel.finishAndReleaseAll();
    channel = budgetOf(2);
    feed(Unpooled.wrappedBuffer(concat(PREFACE, SETTINGS, SETTINGS)));
    clock.addAndGet(Duration.ofSeconds(10).toNanos());
    feed(Unpooled.wrappedBuffer(concat(SETTINGS, SETTINGS))); // a new window
    assertEquals(null, fired);
    feed(Unpooled.wrappedBuffer(SETTINGS));
    assertEnhanceYourCalm();
  }

  private EmbeddedChannel budgetOf(int max) {
    return new EmbeddedChannel(new SettingsBudget(max, Duration.ofSeconds(10), clock::get));
  }

  /** Writes {@code bytes} in; an exception the budget fires is kept in {@link #fired}. */
  private void feed(ByteBuf bytes) {
    try {
      channel.writeInbound(bytes); // rethrows what reached the pipeline's end
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      fired = e;
    }
  }

  private void assertEnhanceYourCalm() {
    Http2Exception e = assertInstanceOf(Http2Exception.class, fired);
    assertEquals(Http2Error.ENHANCE_YOUR_CALM, e.error());
    fired = null;
  }

  /** Every byte the budget passed on to the rest of the pipeline so far. */
  private byte[] passedOn() {
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    for (ByteBuf buf; (buf = channel.readInbound()) != null; ) {
      all.writeBytes(ByteBufUtil.getBytes(buf));
      buf.release();
    }
    return all.toByteArray();
  }

  private static byte[] frame(int type, int flags, byte[] payload) {
    byte[] header = {0, (byte) (payload.length >>> 8), (byte) payload.length, (byte) type,
        (byte) flags, 0, 0, 0, 0};
    return concat(header, payload);
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    for (byte[] part : parts) {
      all.writeBytes(part);
    }
    return all.toByteArray();
  }
}
