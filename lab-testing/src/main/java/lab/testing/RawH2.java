package lab.testing;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * An HTTP/2 client made of a plain socket, for tests that play a hostile client: it writes
 * whatever frames it is told to, in any order and as fast as it can, which no real HTTP/2
 * library allows. A reader thread counts the frames the server sends and notes its GOAWAY.
 * Headers are HPACK literals without indexing or Huffman coding (RFC 7541, 6.2.2): valid, if
 * verbose. It acknowledges the server's SETTINGS and answers nothing else.
 */
public final class RawH2 implements AutoCloseable {
  public static final int DATA = 0;
  public static final int HEADERS = 1;
  public static final int RST_STREAM = 3;
  public static final int SETTINGS = 4;
  public static final int PING = 6;
  public static final int GOAWAY = 7;
  public static final int WINDOW_UPDATE = 8;
  public static final int CONTINUATION = 9;
  public static final int MAX_CONCURRENT_STREAMS = 3;
  /** SETTINGS_INITIAL_WINDOW_SIZE: 0 makes a reader that accepts no DATA at all. */
  public static final int INITIAL_WINDOW_SIZE = 4;
  public static final int PROTOCOL_ERROR = 1;
  public static final int CANCEL = 8;
  public static final int ENHANCE_YOUR_CALM = 11;

  private static final byte[] PREFACE =
      "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
  private static final int END_STREAM = 0x1;
  private static final int END_HEADERS = 0x4;
  private static final int ACK = 0x1;

  private final Socket socket;
  private final DataOutputStream out;
  private final AtomicLongArray received = new AtomicLongArray(10);
  private final CompletableFuture<Long> goAway = new CompletableFuture<>();
  private final CompletableFuture<Void> closed = new CompletableFuture<>();
  private final CompletableFuture<Map<Integer, Long>> serverSettings = new CompletableFuture<>();
  private final CompletableFuture<Long> firstReset = new CompletableFuture<>();
  /** Notified on every frame read and on close, for the waits below. */
  private final Object progress = new Object();
  private int settingsAcks; // guarded by progress
  private int nextStream = 1;

  private RawH2(Socket socket) throws IOException {
    this.socket = socket;
    this.out = new DataOutputStream(new BufferedOutputStream(socket.getOutputStream(), 64 * 1024));
  }

  /** Connects, sends the preface and a SETTINGS frame with {@code settings} (id to value). */
  public static RawH2 connect(int port, Map<Integer, Integer> settings) throws IOException {
    Socket socket = new Socket();
    socket.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
    return over(socket, settings);
  }

  /** As {@link #connect}, over a socket already connected (a TLS one, say, with ALPN h2). */
  public static RawH2 over(Socket socket, Map<Integer, Integer> settings) throws IOException {
    RawH2 h2 = new RawH2(socket);
    synchronized (h2) {
      h2.out.write(PREFACE);
      ByteArrayOutputStream payload = new ByteArrayOutputStream();
      DataOutputStream pairs = new DataOutputStream(payload);
      for (Map.Entry<Integer, Integer> s : settings.entrySet()) {
        pairs.writeShort(s.getKey());
        pairs.writeInt(s.getValue());
      }
      h2.frame(SETTINGS, 0, 0, payload.toByteArray());
      h2.out.flush();
    }
    // Only now: the server sends its SETTINGS at once, and an ACK written before the preface
    // would be a protocol error.
    Thread reader = new Thread(h2::readFrames, "raw-h2-reader");
    reader.setDaemon(true);
    reader.start();
    return h2;
  }

  /** Opens a stream with a gRPC request's headers for {@code path}; returns its id. */
  public synchronized int openGrpcStream(String path, boolean endStream) throws IOException {
    int stream = nextStream;
    nextStream += 2;
    ByteArrayOutputStream block = new ByteArrayOutputStream();
    literal(block, ":method", "POST");
    literal(block, ":scheme", "http");
    literal(block, ":path", path);
    literal(block, ":authority", "127.0.0.1");
    literal(block, "content-type", "application/grpc");
    literal(block, "te", "trailers");
    frame(HEADERS, END_HEADERS | (endStream ? END_STREAM : 0), stream, block.toByteArray());
    return stream;
  }

  /** A gRPC message: the 5-byte prefix (not compressed, length) and the bytes. */
  public static byte[] grpcMessage(byte[] message) {
    byte[] framed = new byte[5 + message.length];
    framed[1] = (byte) (message.length >>> 24);
    framed[2] = (byte) (message.length >>> 16);
    framed[3] = (byte) (message.length >>> 8);
    framed[4] = (byte) message.length;
    System.arraycopy(message, 0, framed, 5, message.length);
    return framed;
  }

  public synchronized void data(int stream, byte[] payload, boolean endStream)
      throws IOException {
    frame(DATA, endStream ? END_STREAM : 0, stream, payload);
  }

  public synchronized void reset(int stream, int errorCode) throws IOException {
    frame(RST_STREAM, 0, stream, int32(errorCode));
  }

  /** A WINDOW_UPDATE; an increment of 0 is a protocol error the server must answer. */
  public synchronized void windowUpdate(int stream, int increment) throws IOException {
    frame(WINDOW_UPDATE, 0, stream, int32(increment));
  }

  /** An empty SETTINGS frame: the server must acknowledge each one. */
  public synchronized void emptySettings() throws IOException {
    frame(SETTINGS, 0, 0, new byte[0]);
  }

  public synchronized void flush() throws IOException {
    out.flush();
  }

  /** How many frames of {@code type} the server has sent so far. */
  public long received(int type) {
    return received.get(type);
  }

  /**
   * Waits until the server has acknowledged {@code count} of this client's SETTINGS frames.
   * The server handles frames in order, so an acknowledgement also says it has handled every
   * frame sent before that SETTINGS.
   */
  public boolean awaitSettingsAcks(int count, Duration bound) throws InterruptedException {
    return await(() -> settingsAcks >= count, bound);
  }

  /** Waits until the server has sent {@code count} frames of {@code type}. */
  public boolean awaitReceived(int type, long count, Duration bound)
      throws InterruptedException {
    return await(() -> received.get(type) >= count, bound);
  }

  private boolean await(java.util.function.BooleanSupplier done, Duration bound)
      throws InterruptedException {
    long giveUp = System.nanoTime() + bound.toNanos();
    synchronized (progress) {
      while (!done.getAsBoolean()) {
        long left = TimeUnit.NANOSECONDS.toMillis(giveUp - System.nanoTime());
        if (left <= 0 || closed.isDone()) {
          return done.getAsBoolean();
        }
        progress.wait(left);
      }
      return true;
    }
  }

  /** Completes with the settings (id to value) of the server's first SETTINGS frame. */
  public CompletableFuture<Map<Integer, Long>> serverSettings() {
    return serverSettings;
  }

  /** Completes with the error code of the first RST_STREAM the server sends. */
  public CompletableFuture<Long> firstReset() {
    return firstReset;
  }

  /** Completes with the error code of the server's GOAWAY, when it sends one. */
  public CompletableFuture<Long> goAway() {
    return goAway;
  }

  /** True if the server closed the connection within {@code bound}. */
  public boolean awaitClosed(Duration bound) throws InterruptedException {
    try {
      closed.get(bound.toMillis(), TimeUnit.MILLISECONDS);
      return true;
    } catch (java.util.concurrent.TimeoutException e) {
      return false;
    } catch (java.util.concurrent.ExecutionException e) {
      return true;
    }
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }

  private void frame(int type, int flags, int stream, byte[] payload) throws IOException {
    out.writeByte(payload.length >>> 16);
    out.writeShort(payload.length & 0xffff);
    out.writeByte(type);
    out.writeByte(flags);
    out.writeInt(stream);
    out.write(payload);
  }

  private void readFrames() {
    try {
      DataInputStream in = new DataInputStream(socket.getInputStream());
      while (true) {
        int length = in.readUnsignedByte() << 16 | in.readUnsignedShort();
        int type = in.readUnsignedByte();
        int flags = in.readUnsignedByte();
        in.readInt(); // stream id
        byte[] payload = in.readNBytes(length);
        synchronized (progress) {
          if (type < received.length()) {
            received.incrementAndGet(type);
          }
          if (type == SETTINGS && (flags & ACK) != 0) {
            settingsAcks++;
          }
          progress.notifyAll();
        }
        if (type == RST_STREAM && payload.length == 4) {
          firstReset.complete((long) java.nio.ByteBuffer.wrap(payload).getInt() & 0xffffffffL);
        } else if (type == GOAWAY && payload.length >= 8) {
          goAway.complete((long) java.nio.ByteBuffer.wrap(payload, 4, 4).getInt() & 0xffffffffL);
        } else if (type == SETTINGS && (flags & ACK) == 0) {
          Map<Integer, Long> values = new java.util.TreeMap<>();
          java.nio.ByteBuffer pairs = java.nio.ByteBuffer.wrap(payload);
          while (pairs.remaining() >= 6) {
            values.put(pairs.getShort() & 0xffff, pairs.getInt() & 0xffffffffL);
          }
          serverSettings.complete(values);
          synchronized (this) {
            frame(SETTINGS, ACK, 0, new byte[0]);
            out.flush();
          }
        }
      }
    } catch (IOException e) {
      // the server closed the connection (or the test did)
    } finally {
      closed.complete(null);
      synchronized (progress) {
        progress.notifyAll();
      }
    }
  }

  private static byte[] int32(int value) {
    return new byte[] {(byte) (value >>> 24), (byte) (value >>> 16), (byte) (value >>> 8),
        (byte) value};
  }

  /** A literal header field without indexing, new name (0x00), neither string Huffman-coded. */
  private static void literal(ByteArrayOutputStream block, String name, String value) {
    block.write(0);
    string(block, name.getBytes(StandardCharsets.US_ASCII));
    string(block, value.getBytes(StandardCharsets.US_ASCII));
  }

  /** An HPACK string: its length as a 7-bit-prefix integer (RFC 7541, 5.1), then the bytes. */
  private static void string(ByteArrayOutputStream block, byte[] bytes) {
    int length = bytes.length;
    if (length < 127) {
      block.write(length);
    } else {
      block.write(127);
      for (length -= 127; length >= 128; length >>>= 7) {
        block.write(length & 0x7f | 0x80);
      }
      block.write(length);
    }
    block.writeBytes(bytes);
  }
}
