package lab.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import lab.common.LabServer;
import lab.testing.GrpcCleanupExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A gRPC server speaks HTTP/2 only: an HTTP/1.1 request gets no HTTP/1.1 answer. */
class Http1RefusedTest {
  @RegisterExtension
  final GrpcCleanupExtension grpc = new GrpcCleanupExtension();

  @Test
  void anHttp11RequestIsRefusedWithAGoawayAndAClosedConnection() throws Exception {
    LabServer server = WireServer.start(0);
    grpc.register(server.server());
    byte[] reply;
    try (Socket socket = new Socket("127.0.0.1", server.port())) {
      socket.setSoTimeout(30_000); // bounded: the server is expected to hang up at once
      socket.getOutputStream().write(("POST /video_service.VideoService/ListVideos HTTP/1.1\r\n"
          + "Host: 127.0.0.1\r\ncontent-type: application/grpc\r\ncontent-length: 5\r\n\r\n")
          .getBytes(StandardCharsets.US_ASCII));
      socket.getOutputStream().write(new byte[5]);
      reply = readUntilClosed(socket.getInputStream());
    }
    String text = new String(reply, StandardCharsets.ISO_8859_1);
    assertFalse(text.startsWith("HTTP/1"), "no HTTP/1.x response: " + text);
    // What comes back is HTTP/2 frames: SETTINGS first (type 4), then GOAWAY (type 7)
    // whose debug data names the problem.
    assertEquals(4, reply[3], "first frame type");
    assertTrue(text.contains("HTTP/1"), "GOAWAY debug data: " + text);
  }

  private static byte[] readUntilClosed(InputStream in) throws Exception {
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    byte[] buffer = new byte[4096];
    try {
      for (int n; (n = in.read(buffer)) != -1; ) {
        all.write(buffer, 0, n);
      }
    } catch (java.net.SocketException reset) {
      // the server closed with unread request bytes in its buffer, so TCP sent a reset
      // instead of a FIN: closed all the same; what arrived before it is kept
    }
    return all.toByteArray();
  }
}
