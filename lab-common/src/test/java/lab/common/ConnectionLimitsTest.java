package lab.common;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Connections a server should not keep, tried with a raw socket (no gRPC client would behave
 * this badly): the server closes them by itself, where grpc-java's defaults keep them.
 */
class ConnectionLimitsTest {
  /** The HTTP/2 client preface, then an empty SETTINGS frame: all a connection needs. */
  private static final byte[] PREFACE_AND_SETTINGS = concat(
      "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.US_ASCII),
      new byte[] {0, 0, 0, 4, 0, 0, 0, 0, 0});
  private static final int GOAWAY = 7;

  private LabServer server;

  @AfterEach
  void stop() throws InterruptedException {
    server.shutdownGracefully(Duration.ZERO);
  }

  @Test
  void aConnectionThatSendsOnlyThePrefaceIsSentGoAwayAndClosedOnceIdle() throws Exception {
    server = LabServer.onPort(0)
        .connectionLimits(ConnectionLimits.DEFAULT.withMaxConnectionIdle(Duration.ofSeconds(1)))
        .start();
    try (Socket socket = new Socket("127.0.0.1", server.port())) {
      socket.getOutputStream().write(PREFACE_AND_SETTINGS);
      byte[] received = readUntilClosed(socket, Duration.ofSeconds(30));
      assertTrue(hasFrameOfType(received, GOAWAY), "the server said goodbye with GOAWAY");
    }
  }

  @Test
  void aClientThatNeverSendsThePrefaceIsDroppedAfterTheHandshakeTimeout() throws Exception {
    server = LabServer.onPort(0)
        .connectionLimits(ConnectionLimits.DEFAULT.withHandshakeTimeout(Duration.ofSeconds(1)))
        .start();
    try (Socket socket = new Socket("127.0.0.1", server.port())) {
      readUntilClosed(socket, Duration.ofSeconds(30)); // without the limit: 80 s (keepalive)
    }
  }

  /** Reads until the server closes the connection; fails if it has not within {@code bound}. */
  private static byte[] readUntilClosed(Socket socket, Duration bound) throws Exception {
    long giveUp = System.nanoTime() + bound.toNanos(); // one bound for all reads together
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    InputStream in = socket.getInputStream();
    byte[] buffer = new byte[4096];
    try {
      while (true) {
        long left = TimeUnit.NANOSECONDS.toMillis(giveUp - System.nanoTime());
        if (left <= 0) {
          throw new java.net.SocketTimeoutException();
        }
        socket.setSoTimeout((int) left);
        int n = in.read(buffer);
        if (n == -1) {
          break;
        }
        all.write(buffer, 0, n);
      }
    } catch (java.net.SocketTimeoutException e) {
      throw new AssertionError("the server kept the connection open for " + bound, e);
    } catch (java.net.SocketException reset) {
      // closed with a reset: closed all the same
    }
    return all.toByteArray();
  }

  /** Walks the HTTP/2 frames (9-byte header: 24-bit length, type, flags, stream id). */
  private static boolean hasFrameOfType(byte[] bytes, int type) {
    for (int at = 0; at + 9 <= bytes.length; ) {
      int length = (bytes[at] & 0xff) << 16 | (bytes[at + 1] & 0xff) << 8 | bytes[at + 2] & 0xff;
      if ((bytes[at + 3] & 0xff) == type) {
        return true;
      }
      at += 9 + length;
    }
    return false;
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] both = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, both, a.length, b.length);
    return both;
  }
}
