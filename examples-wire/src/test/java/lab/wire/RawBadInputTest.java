package lab.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import lab.common.LabServer;
import lab.proto.video.Video;
import lab.services.VideoService;
import lab.services.VideoStore;
import lab.testing.GrpcCleanupExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Bad input no gRPC client would send, made by hand with this lesson's raw HTTP/2 client:
 * each gets a status (or the HTTP status the gRPC-over-HTTP/2 spec gives) and the same
 * connection then serves a good call.
 */
class RawBadInputTest {
  private static final String LIST = "/video_service.VideoService/ListVideos";

  @RegisterExtension
  final GrpcCleanupExtension grpc = new GrpcCleanupExtension();
  private RawGrpcClient client;

  @BeforeEach
  void start() throws Exception {
    VideoStore store = new VideoStore();
    store.add(Video.newBuilder().setId("1").setTitle("t").build());
    LabServer server = LabServer.onPort(0).addService(new VideoService(store)).start();
    grpc.register(server.server());
    client = RawGrpcClient.connect("127.0.0.1", server.port(), null, Duration.ofSeconds(30));
  }

  @AfterEach
  void stop() throws InterruptedException {
    client.close();
  }

  private RawResponse send(List<byte[]> body, Map<String, String> headers) throws Exception {
    var h = client.grpcHeaders(LIST);
    headers.forEach((k, v) -> {
      if (v == null) {
        h.remove(k);
      } else {
        h.set(k, v);
      }
    });
    return client.send(h, body).get(30, TimeUnit.SECONDS);
  }

  private void assertStatusThenServes(String input, RawResponse reply, int grpcStatus)
      throws Exception {
    System.out.println(input + " -> grpc-status " + reply.grpcStatus() + " " + reply.grpcMessage());
    assertEquals(grpcStatus, reply.grpcStatus(), input + ": " + reply.grpcMessage());
    RawResponse next = send(List.of(new byte[] {0, 0, 0, 0, 0}), Map.of());
    assertEquals(0, next.grpcStatus(), "the same connection serves the next call");
    assertEquals(1, next.messages().size());
  }

  @Test
  void aMessagePrefixClaimingTwoGibibytesIsResourceExhausted() throws Exception {
    byte[] claim = {0, 0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xff, 1, 2, 3};
    assertStatusThenServes("a prefix claiming 2 GiB", send(List.of(claim), Map.of()), 8);
  }

  @Test
  void aBodyThatEndsInsideItsPrefixedMessageIsInternal() throws Exception {
    byte[] cut = {0, 0, 0, 0, 10, 1, 2, 3}; // says 10 bytes, has 3, then END_STREAM
    assertStatusThenServes("a message cut short", send(List.of(cut), Map.of()), 13);
  }

  @Test
  void theCompressedFlagWithoutAnEncodingIsInternal() throws Exception {
    byte[] flagged = {1, 0, 0, 0, 2, 8, 1}; // "compressed", and no grpc-encoding header
    assertStatusThenServes("compressed flag, no grpc-encoding", send(List.of(flagged), Map.of()),
        13);
  }

  @Test
  void aMissingOrWrongContentTypeGetsHttp415() throws Exception {
    byte[] empty = {0, 0, 0, 0, 0};
    RawResponse missing = send(List.of(empty), java.util.Collections.singletonMap(
        "content-type", null));
    RawResponse wrong = send(List.of(empty), Map.of("content-type", "application/json"));
    System.out.println("no content-type -> HTTP " + missing.httpStatus()
        + "; application/json -> HTTP " + wrong.httpStatus());
    assertEquals(415, missing.httpStatus());
    assertEquals(415, wrong.httpStatus());
    assertEquals(0, send(List.of(empty), Map.of()).grpcStatus(), "then serves a good call");
  }
}
