package lab.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import lab.common.LabServer;
import lab.proto.video.AddVideoResponse;
import lab.proto.video.Video;
import lab.testing.GrpcCleanupExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** gRPC calls made byte by byte over plain HTTP/2, against an ordinary grpc-java server. */
class RawGrpcCallsTest {
  private static final String VIDEOS = "/video_service.VideoService/";
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  @RegisterExtension
  final GrpcCleanupExtension grpc = new GrpcCleanupExtension();

  private RawGrpcClient client;
  /** Every frame, as the transcript main would print it. */
  private final List<String> wire = new CopyOnWriteArrayList<>();

  @BeforeEach
  void connectToAFreshWireServer() throws Exception {
    LabServer server = WireServer.start(0);
    grpc.register(server.server());
    client = RawGrpcClient.connect("127.0.0.1", server.port(), new FrameTranscript(wire::add),
        TIMEOUT);
  }

  @AfterEach
  void disconnect() throws InterruptedException {
    client.close();
  }

  @Test
  void aUnaryCallEncodedAndDecodedByHand() throws Exception {
    // Video { id: "9" (field 1), title: "t" (field 2) }: tag, length, bytes, twice.
    byte[] video = {0x0a, 0x01, '9', 0x12, 0x01, 't'};
    byte[] body = {0, 0, 0, 0, 6, 0x0a, 0x01, '9', 0x12, 0x01, 't'};
    assertArrayEquals(body, GrpcMessages.encode(video));

    RawResponse reply = await(client.send(client.grpcHeaders(VIDEOS + "AddVideo"), List.of(body)));

    assertEquals(200, reply.httpStatus());
    assertEquals("application/grpc", reply.headers().get("content-type").toString());
    // AddVideoResponse { video (field 1, 6 bytes): the Video above }, prefixed.
    assertArrayEquals(new byte[] {0, 0, 0, 0, 8, 0x0a, 0x06, 0x0a, 0x01, '9', 0x12, 0x01, 't'},
        reply.body());
    assertEquals(0, reply.grpcStatus(), "grpc-status 0 = OK, in the trailers");
    assertTrue(reply.trailers() != reply.headers(), "trailers are a second HEADERS frame");
  }

  @Test
  void aStreamingBodyWithAMessageSplitAcrossDataFramesArrivesWhole() throws Exception {
    // GetVideos gathers every request message until the client half-closes.
    byte[] body = GrpcMessages.encode(List.of(request("2"), request("1"), request("2")));
    assertEquals(24, body.length, "three messages of 5 + 3 bytes");
    // Frame 1: message 1 and 3 bytes of message 2's prefix; frame 2: the rest.
    List<byte[]> frames = List.of(Arrays.copyOfRange(body, 0, 11),
        Arrays.copyOfRange(body, 11, body.length));

    RawResponse reply = await(client.send(client.grpcHeaders(VIDEOS + "GetVideos"), frames));

    assertEquals(List.of("-> DATA           stream=3 length=11",
        "-> DATA           stream=3 length=13 END_STREAM"),
        wire.stream().filter(f -> f.startsWith("-> DATA")).toList(), "two frames went out");
    assertTrue(wire.stream().anyMatch(
        line -> line.strip().equals("[00 00 00] prefix continues in the next frame")), "" + wire);
    assertEquals(0, reply.grpcStatus(), reply.grpcMessage());
    List<String> ids = reply.messages().stream().map(RawGrpcCallsTest::id).toList();
    assertEquals(List.of("2", "1", "2"), ids);
  }

  @Test
  void aServerStreamingReplyIsSeveralPrefixedMessagesInOneBody() throws Exception {
    RawResponse reply = await(client.call(VIDEOS + "ListVideos", Map.of(), List.of(new byte[0])));
    assertEquals(0, reply.grpcStatus());
    assertEquals(List.of("1", "2"), reply.messages().stream().map(RawGrpcCallsTest::id).toList());
  }

  @Test
  void aReplyBiggerThanTheFlowControlWindowArrivesBecauseTheClientGivesCreditBack()
      throws Exception {
    // The reply echoes the video: the largest the store takes (64 KiB), which with the
    // reply's own field and the 5-byte prefix is more than the 65,535 bytes the client's
    // SETTINGS let the server send on a stream before the client says "read, send more".
    Video big = Video.newBuilder().setId("big").setTitle("x".repeat(65_527)).build();
    assertEquals(65_536, big.getSerializedSize(), "the store's limit, exactly");
    assertTrue(5 + AddVideoResponse.newBuilder().setVideo(big).build().getSerializedSize()
        > 65_535, "more than the client's window");

    RawResponse reply = await(client.call(VIDEOS + "AddVideo", Map.of(),
        List.of(big.toByteArray())));

    assertEquals(0, reply.grpcStatus(), reply.grpcMessage());
    assertEquals(big, AddVideoResponse.parseFrom(reply.messages().get(0)).getVideo());
    assertTrue(wire.stream().anyMatch(f -> f.startsWith("-> WINDOW_UPDATE  stream=3 ")),
        "the client returned credit on the stream: " + wire);
  }

  @Test
  void anUnknownMethodGetsGrpcStatus12InATrailersOnlyReply() throws Exception {
    RawResponse reply = await(client.call(VIDEOS + "DeleteVideo", Map.of(), List.of(new byte[0])));
    assertEquals(200, reply.httpStatus(), "HTTP says fine: the gRPC status is what counts");
    assertEquals(12, reply.grpcStatus());
    assertEquals("Method not found: video_service.VideoService/DeleteVideo", reply.grpcMessage());
    assertEquals(0, reply.dataFrames().size());
    assertTrue(reply.trailers() == reply.headers(), "one HEADERS frame carries it all");
  }

  @Test
  void aBodyThatIsNotProtobufFailsAndTheServerKeepsServing() throws Exception {
    byte[] garbage = {(byte) 0xff, (byte) 0xff, (byte) 0xff};
    RawResponse reply = await(client.call(VIDEOS + "AddVideo", Map.of(), List.of(garbage)));
    assertEquals(200, reply.httpStatus());
    // INTERNAL (13), as gRPC's status table says for a request that does not parse; plain
    // grpc-java would say UNKNOWN (2), LabServer guards parsing (lab-common ParseFailures).
    assertEquals(13, reply.grpcStatus(), "grpc-status " + reply.grpcStatus() + ": "
        + reply.grpcMessage());

    RawResponse next = await(client.call(VIDEOS + "ListVideos", Map.of(), List.of(new byte[0])));
    assertEquals(0, next.grpcStatus(), "same connection, next call");
    assertEquals(2, next.messages().size());
  }

  @Test
  void aRequestWithoutAGrpcContentTypeGetsHttp415() throws Exception {
    var headers = client.grpcHeaders(VIDEOS + "ListVideos").set("content-type", "text/plain");
    RawResponse reply = await(client.send(headers, List.of(GrpcMessages.encode(new byte[0]))));
    assertEquals(415, reply.httpStatus(), "Unsupported Media Type, as the gRPC spec says");
  }

  private static RawResponse await(java.util.concurrent.CompletableFuture<RawResponse> call)
      throws Exception {
    return call.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
  }

  private static byte[] request(String id) {
    return new byte[] {0x0a, 0x01, (byte) id.charAt(0)}; // VideoRequest { id }
  }

  private static String id(byte[] message) {
    try {
      return Video.parseFrom(message).getId();
    } catch (com.google.protobuf.InvalidProtocolBufferException e) {
      throw new AssertionError(e);
    }
  }
}
