package lab.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.Http2Flags;
import io.netty.handler.codec.http2.Http2FrameLogger.Direction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The frames the README's transcript does not show (a normal call has no RST_STREAM, PING or
 * GOAWAY) are printed the same way: one line each, direction, type, stream, and the error
 * codes by name. Netty's codec makes these calls; here they are made by hand.
 */
class FrameTranscriptTest {
  private static final String INDENT = "                   ";

  private final List<String> lines = new ArrayList<>();
  private final FrameTranscript transcript = new FrameTranscript(lines::add);

  @Test
  void everyOtherFrameTypeIsOneLineWithItsErrorCodeNamed() {
    transcript.logRstStream(Direction.INBOUND, null, 3, 8);
    transcript.logRstStream(Direction.INBOUND, null, 5, 99);
    transcript.logPing(Direction.OUTBOUND, null, 42);
    transcript.logPingAck(Direction.INBOUND, null, 42);
    transcript.logGoAway(Direction.INBOUND, null, 5, 1,
        Unpooled.copiedBuffer("bye", StandardCharsets.UTF_8));
    transcript.logUnknownFrame(Direction.INBOUND, null, (byte) 42, 1, new Http2Flags(),
        Unpooled.wrappedBuffer(new byte[3]));

    assertEquals(List.of(
        "<- RST_STREAM     stream=3 error=CANCEL (8)",
        "<- RST_STREAM     stream=5 error=UNKNOWN (99)", // not a code HTTP/2 defines
        "-> PING           stream=0 data=42",
        "<- PING           stream=0 ACK data=42",
        "<- GOAWAY         stream=0 last_stream=5 error=PROTOCOL_ERROR (1) debug=\"bye\"",
        "<- UNKNOWN(42)    stream=1 length=3"), lines);
  }

  @Test
  void aBodyThatIsNotGrpcIsPrintedAsText() {
    // The 415 reply to a text/plain request; its HEADERS come with a priority, the other
    // overload Netty calls.
    transcript.logHeaders(Direction.INBOUND, null, 3,
        new DefaultHttp2Headers().status("415").add("content-type", "text/plain"),
        0, (short) 16, false, 0, false);
    transcript.logData(Direction.INBOUND, null, 3,
        Unpooled.copiedBuffer("not gRPC", StandardCharsets.UTF_8), 0, true);

    assertEquals(List.of(
        "<- HEADERS        stream=3",
        INDENT + ":status: 415",
        INDENT + "content-type: text/plain",
        "<- DATA           stream=3 length=8 END_STREAM",
        INDENT + "text: not gRPC"), lines);
  }
}
