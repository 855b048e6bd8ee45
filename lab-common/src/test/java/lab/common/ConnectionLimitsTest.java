package lab.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import lab.testing.LogCapture;
import lab.testing.RawH2;
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
  private static final int SETTINGS = 4;
  private static final int PING = 6;
  private static final int GOAWAY = 7;

  private LabServer server;

  @AfterEach
  void stop() throws InterruptedException {
    if (server != null) {
      server.shutdownGracefully(Duration.ZERO);
    }
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

  @Test
  void aPeerThatStopsAnsweringIsPingedAndDroppedAfterTheKeepaliveTimeout() throws Exception {
    // A vanished peer (pulled cable, dead NAT entry) sends no FIN or RST: to the server it is
    // a connection that stays quiet. This raw client is one: it never answers a PING.
    server = LabServer.onPort(0).connectionLimits(ConnectionLimits.DEFAULT
        .withKeepAlive(Duration.ofSeconds(1), Duration.ofSeconds(1))).start();
    try (Socket socket = new Socket("127.0.0.1", server.port())) {
      socket.getOutputStream().write(PREFACE_AND_SETTINGS);
      // grpc-java's default would ping after 2 h; the idle limit (5 min) is not reached either.
      byte[] received = readUntilClosed(socket, Duration.ofSeconds(30));
      assertTrue(hasFrameOfType(received, PING), "the server pinged the quiet connection");
    }
  }

  @Test
  void aConnectionWhoseStreamsAreResetPastTheLimitIsSentGoAwayEnhanceYourCalm() throws Exception {
    // lab-reliability's ResetFloodTest floods at full speed; here: the limit, exactly.
    server = LabServer.onPort(0)
        .connectionLimits(ConnectionLimits.DEFAULT.withFloodLimits(20, 100, Duration.ofSeconds(60)))
        .start();
    try (RawH2 h2 = RawH2.connect(server.port(), Map.of())) {
      for (int i = 0; i < 20; i++) {
        h2.reset(h2.openGrpcStream("/any.Service/Method", false), RawH2.CANCEL);
      }
      h2.emptySettings(); // acknowledged only if the connection is still up after 20 resets
      h2.flush();
      assertTrue(h2.awaitSettingsAcks(2, Duration.ofSeconds(30)), "20 resets are within the limit");
      assertFalse(h2.goAway().isDone(), "no GOAWAY for 20 resets");
      h2.reset(h2.openGrpcStream("/any.Service/Method", false), RawH2.CANCEL);
      h2.flush();
      assertEquals(RawH2.ENHANCE_YOUR_CALM, h2.goAway().get(30, TimeUnit.SECONDS),
          "the 21st reset ends the connection");
    }
  }

  @Test
  void aConnectionWhoseSettingsFramesPassTheBudgetIsSentGoAwayEnhanceYourCalm() throws Exception {
    // lab-reliability's SettingsFloodTest floods at full speed; here: the budget, exactly.
    server = LabServer.onPort(0)
        .connectionLimits(ConnectionLimits.DEFAULT.withFloodLimits(1_000, 20, Duration.ofSeconds(60)))
        .start();
    try (RawH2 h2 = RawH2.connect(server.port(), Map.of())) {
      assertTwentySettingsPassAndTheTwentyFirstEndsTheConnection(h2);
      assertTrue(h2.awaitClosed(Duration.ofSeconds(30)), "and the server closes it");
    }
  }

  /** For a budget of 20: the connection's first SETTINGS and 19 more pass; the 21st does not. */
  static void assertTwentySettingsPassAndTheTwentyFirstEndsTheConnection(RawH2 h2)
      throws Exception {
    for (int i = 0; i < 19; i++) { // the connection's own first SETTINGS was 1 of 20
      h2.emptySettings();
    }
    h2.flush();
    assertTrue(h2.awaitSettingsAcks(20, Duration.ofSeconds(30)), "20 SETTINGS are within it");
    assertFalse(h2.goAway().isDone(), "no GOAWAY for 20 SETTINGS");
    h2.emptySettings();
    h2.flush();
    assertEquals(RawH2.ENHANCE_YOUR_CALM, h2.goAway().get(30, TimeUnit.SECONDS),
        "the 21st SETTINGS frame ends the connection");
  }

  @Test
  void aConnectionPastTheCapIsClosedAtOnceSaidOnceInTheLogAndLetInOnceAPlaceIsFree()
      throws Exception {
    server = LabServer.onPort(0)
        .connectionLimits(ConnectionLimits.DEFAULT.withMaxConnections(3)).start();
    List<RawH2> held = new ArrayList<>();
    try (LogCapture log = LogCapture.attach(Level.WARNING, ConnectionCap.LOGGER).quiet()) {
      for (int i = 0; i < 3; i++) {
        held.add(RawH2.connect(server.port(), Map.of()));
        assertTrue(held.get(i).awaitSettingsAcks(1, Duration.ofSeconds(30)), "served: " + i);
      }
      assertEquals(3, server.connectionsOpen());
      for (int i = 0; i < 2; i++) {
        try (RawH2 refused = RawH2.connect(server.port(), Map.of())) {
          assertTrue(refused.awaitClosed(Duration.ofSeconds(30)), "the 4th is closed");
          assertEquals(0, refused.received(RawH2.SETTINGS), "before any HTTP/2");
        }
      }
      assertEquals(List.of("refused a connection: 3 connections open, the server's limit"),
          log.messages(), "two refusals, one line (LogLimiter holds the second)");
      assertEquals(3, server.connectionsOpen());

      held.remove(0).close();
      // The server counts the place free when it sees the close: try until it has.
      long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      boolean admitted = false;
      while (!admitted && System.nanoTime() < giveUp) {
        RawH2 next = RawH2.connect(server.port(), Map.of());
        admitted = next.awaitSettingsAcks(1, Duration.ofSeconds(30));
        held.add(next);
      }
      assertTrue(admitted, "a new connection is let in once one of the three has closed");
    } finally {
      for (RawH2 h2 : held) {
        h2.close();
      }
    }
  }

  @Test
  void theServersOwnEventLoopsEndOnceItHasStopped() throws Exception {
    Set<Thread> before = Thread.getAllStackTraces().keySet();
    server = LabServer.onPort(0).start();
    try (RawH2 h2 = RawH2.connect(server.port(), Map.of())) {
      assertTrue(h2.awaitSettingsAcks(1, Duration.ofSeconds(30)), "served");
    }
    List<Thread> loops = eventLoopsStartedSince(before);
    assertTrue(loops.size() >= 2, "an accepting loop and an I/O loop ran: " + loops);
    server.shutdownGracefully(Duration.ZERO);
    server = null;
    assertEquals(List.of(), stillAlive(loops),
        "every event loop thread of the server has ended");
  }

  @Test
  void aServerThatCannotBindItsPortLeavesNoEventLoopBehind() throws Exception {
    server = LabServer.onPort(0).start();
    Set<Thread> before = Thread.getAllStackTraces().keySet();
    assertThrows(java.io.IOException.class, () -> LabServer.onPort(server.port()).start(),
        "the port is taken");
    List<Thread> loops = eventLoopsStartedSince(before);
    assertFalse(loops.isEmpty(), "the second server's accepting loop ran to try the bind");
    assertEquals(List.of(), stillAlive(loops),
        "the failed server's event loops have ended");
  }

  @Test
  void theServerAdvertisesItsStreamWindowAndHeaderLimitsInItsFirstSettings() throws Exception {
    server = LabServer.onPort(0).start();
    try (Socket socket = new Socket("127.0.0.1", server.port())) {
      socket.getOutputStream().write(PREFACE_AND_SETTINGS);
      socket.setSoTimeout(30_000);
      Map<Integer, Long> settings = readSettings(socket.getInputStream());
      // SETTINGS_MAX_CONCURRENT_STREAMS (0x3), SETTINGS_INITIAL_WINDOW_SIZE (0x4) and
      // SETTINGS_MAX_HEADER_LIST_SIZE (0x6)
      assertEquals(100L, settings.get(3), settings.toString());
      assertEquals(262_144L, settings.get(4), settings.toString());
      assertEquals(8_192L, settings.get(6), settings.toString());
    }
  }

  @Test
  void theDefaultsAreTheLimitsNotesDocuments() {
    assertEquals(new ConnectionLimits(Duration.ofMinutes(5), Duration.ofSeconds(10), 100,
        256 * 1024, 8 * 1024, Duration.ofMinutes(1), Duration.ofSeconds(20), 1_000, 100,
        Duration.ofSeconds(10), 1_000), ConnectionLimits.DEFAULT);
  }

  /** The lab server event loop threads (lab-accept, lab-io) not in {@code before}. */
  private static List<Thread> eventLoopsStartedSince(Set<Thread> before) {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> !before.contains(t))
        .filter(t -> t.getName().startsWith("lab-accept") || t.getName().startsWith("lab-io"))
        .toList();
  }

  /** Waits for each thread to end, one 30 s bound for all; names the ones still running. */
  private static List<String> stillAlive(List<Thread> threads) throws InterruptedException {
    long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    for (Thread thread : threads) {
      thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(giveUp - System.nanoTime())));
    }
    return threads.stream().filter(Thread::isAlive).map(Thread::getName).toList();
  }

  /** The server's first frame is its SETTINGS: identifier (16 bits), value (32 bits) pairs. */
  private static Map<Integer, Long> readSettings(InputStream in) throws Exception {
    DataInputStream frames = new DataInputStream(in);
    while (true) {
      int length = frames.readUnsignedShort() << 8 | frames.readUnsignedByte();
      int type = frames.readUnsignedByte();
      frames.readUnsignedByte(); // flags
      frames.readInt(); // stream id
      byte[] payload = frames.readNBytes(length);
      if (type == SETTINGS && length > 0) {
        Map<Integer, Long> settings = new TreeMap<>();
        DataInputStream pairs = new DataInputStream(new java.io.ByteArrayInputStream(payload));
        for (int i = 0; i < length / 6; i++) {
          settings.put(pairs.readUnsignedShort(), pairs.readInt() & 0xffffffffL);
        }
        return settings;
      }
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
