package lab.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.StatusRuntimeException;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import lab.common.ConnectionLimits;
import lab.proto.video.ListVideosRequest;
import lab.proto.video.VideoServiceGrpc;
import lab.testing.GrpcCleanupExtension;
import lab.testing.LogCapture;
import lab.testing.MemoryMeter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A connection flood: one client opens connections, finishes each one's HTTP/2 preface and
 * holds it (the server's idle limit would close them after 5 minutes). grpc-java sets no cap,
 * so each costs the server its buffers and a file descriptor until one runs out. LabServer
 * lets {@code ConnectionLimits.maxConnections} be open at once and closes the next ones as
 * soon as it accepts them, with one log line per 10 s. Clients already connected go on being
 * served; a new one is let in once the flood's connections close. The trade-off is in
 * lab-common's README: during the flood, new clients are refused too.
 */
class ConnectionFloodTest {
  private static final byte[] PREFACE_AND_SETTINGS = concat(
      "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.US_ASCII),
      new byte[] {0, 0, 0, 4, 0, 0, 0, 0, 0});
  private static final int EXTRA = 100;

  @RegisterExtension
  final GrpcCleanupExtension grpc = new GrpcCleanupExtension();

  @Test
  void connectionsPastTheCapAreClosedAtOnceWhileTheClientsAlreadyConnectedAreServed()
      throws Exception {
    GoodClient good = GoodClient.withVideoServer(grpc);
    good.callOnce(); // the good client's one connection is open before the flood
    int port = good.server().port();
    int cap = ConnectionLimits.DEFAULT.maxConnections();
    long before = MemoryMeter.usedBytes();
    List<Socket> flood = new ArrayList<>();
    int admitted = 0;
    int refused = 0;
    try (LogCapture log = LogCapture.attach(Level.WARNING, "lab.common.ConnectionCap").quiet()) {
      good.start();
      long start = System.nanoTime();
      for (int i = 0; i < cap + EXTRA; i++) {
        Socket socket = new Socket();
        flood.add(socket);
        if (admittedAfterPreface(socket, port)) {
          admitted++;
        } else {
          refused++;
        }
      }
      long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
      long held = MemoryMeter.usedBytes() - before;
      GoodClient.Served served = good.stop();
      System.out.printf("connection flood: %d opened in %d ms, %d admitted, %d refused;"
          + " held %s (%d bytes a connection); %s%n", cap + EXTRA, tookMs, admitted, refused,
          MemoryMeter.mib(held), held / Math.max(1, admitted), served);

      assertEquals(cap - 1, admitted, "the cap less the good client's connection");
      assertEquals(EXTRA + 1, refused, "every connection past the cap");
      assertEquals(cap, good.server().connectionsOpen());
      // LogLimiter: one line per 10 s however many are refused (two if the refusals
      // straddle a window's end on a slow machine)
      assertEquals("refused a connection: " + cap + " connections open, the server's limit",
          log.messages().get(0));
      assertTrue(log.messages().size() <= 2, refused + " refusals: " + log.messages());
      assertEquals(0, served.failed(), served.toString());
      assertTrue(served.calls() > 0, served.toString());
      assertTrue(held < 64L << 20, MemoryMeter.mib(held) + " held by " + admitted
          + " connections");
      good.callOnce(); // the connected client is still served at the cap
    } finally {
      for (Socket socket : flood) {
        socket.close();
      }
    }
    // A new client gets in once the flood's connections are gone (the server counts each
    // close as it sees it; waitForReady rides over refusals until then).
    ManagedChannel fresh = grpc.register(ManagedChannelBuilder
        .forAddress("127.0.0.1", port).usePlaintext().build());
    try {
      VideoServiceGrpc.newBlockingStub(fresh).withWaitForReady()
          .withDeadlineAfter(30, TimeUnit.SECONDS)
          .listVideos(ListVideosRequest.getDefaultInstance()).forEachRemaining(v -> { });
    } catch (StatusRuntimeException e) {
      throw new AssertionError("a new client after the flood: " + e.getStatus(), e);
    }
    assertTrue(MemoryReturns.within(before + (8L << 20), Duration.ofSeconds(30)),
        "memory back within 8 MiB of where it was");
  }

  /**
   * Connects and sends the preface; true once the server answers with its SETTINGS, false if
   * it closes the connection first (refused). One bound per connection.
   */
  private static boolean admittedAfterPreface(Socket socket, int port) throws IOException {
    socket.connect(new InetSocketAddress("127.0.0.1", port), 30_000);
    socket.setSoTimeout(30_000);
    try {
      socket.getOutputStream().write(PREFACE_AND_SETTINGS);
      InputStream in = socket.getInputStream();
      return in.read() != -1;
    } catch (SocketException reset) {
      return false; // closed by the server before or while the preface was written
    }
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] both = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, both, a.length, b.length);
    return both;
  }
}
