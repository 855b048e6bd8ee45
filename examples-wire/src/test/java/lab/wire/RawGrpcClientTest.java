package lab.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.DataInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The raw client's waits are bounded against a peer that misbehaves: here a plain socket
 * plays the server, saying exactly as much HTTP/2 as each test needs.
 */
class RawGrpcClientTest {
  private static final int HTTP2_PREFACE_BYTES = 24; // "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n"
  private static final byte[] EMPTY_SETTINGS = {0, 0, 0, 4, 0, 0, 0, 0, 0};
  private static final byte[] SETTINGS_ACK = {0, 0, 0, 4, 1, 0, 0, 0, 0};
  private static final int HEADERS = 1;

  private final ServerSocket peer;
  private final ExecutorService peerThread = Executors.newSingleThreadExecutor();

  RawGrpcClientTest() throws IOException {
    peer = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
  }

  @AfterEach
  void stopThePeer() throws Exception {
    peer.close();
    peerThread.shutdownNow();
    assertEquals(true, peerThread.awaitTermination(10, TimeUnit.SECONDS));
  }

  @Test
  void aPeerThatNeverSendsSettingsFailsTheConnectInTimeAndIsHungUpOn() throws Exception {
    // Accepts, then only listens: everything the client sends, until it hangs up.
    Future<Integer> heard = peerThread.submit(() -> {
      try (Socket socket = peer.accept()) {
        socket.setSoTimeout(10_000); // a client that never hangs up fails the read in 10 s
        return socket.getInputStream().readAllBytes().length;
      }
    });

    assertThrows(TimeoutException.class, () -> RawGrpcClient.connect("127.0.0.1",
        peer.getLocalPort(), null, Duration.ofMillis(200)));

    // The preface and the client's SETTINGS, then end of stream: the client closed the socket.
    assertEquals(true, heard.get(20, TimeUnit.SECONDS) >= HTTP2_PREFACE_BYTES);
  }

  @Test
  void aCallInFlightWhenTheConnectionDropsFailsInsteadOfWaitingForever() throws Exception {
    // Settles the connection, waits for the call's HEADERS, then drops the connection.
    peerThread.submit(() -> {
      try (Socket socket = peer.accept()) {
        socket.setSoTimeout(10_000);
        socket.getOutputStream().write(EMPTY_SETTINGS);
        socket.getOutputStream().write(SETTINGS_ACK);
        DataInputStream in = new DataInputStream(socket.getInputStream());
        in.readFully(new byte[HTTP2_PREFACE_BYTES]);
        while (nextFrameType(in) != HEADERS) {
          // SETTINGS and its ACK: skipped
        }
      }
      return null;
    });

    try (RawGrpcClient client = RawGrpcClient.connect("127.0.0.1", peer.getLocalPort(), null,
        Duration.ofSeconds(30))) {
      var call = client.call("/video_service.VideoService/ListVideos", Map.of(),
          List.of(new byte[0]));

      var e = assertThrows(ExecutionException.class, () -> call.get(30, TimeUnit.SECONDS));
      assertInstanceOf(IOException.class, e.getCause());
      assertEquals("connection closed", e.getCause().getMessage());
    }
  }

  /** Reads one frame (9-byte header: length, type, flags, stream; then the payload). */
  private static int nextFrameType(DataInputStream in) throws IOException {
    int length = in.readUnsignedByte() << 16 | in.readUnsignedShort();
    int type = in.readUnsignedByte();
    in.readUnsignedByte(); // flags
    in.readInt(); // stream
    in.readFully(new byte[length]);
    return type;
  }
}
