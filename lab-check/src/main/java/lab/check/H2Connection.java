package lab.check;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http2.DefaultHttp2HeadersDecoder;
import io.netty.handler.codec.http2.DefaultHttp2HeadersEncoder;
import io.netty.handler.codec.http2.Http2Exception;
import io.netty.handler.codec.http2.Http2Headers;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.BooleanSupplier;

/**
 * An HTTP/2 connection whose frames the checker writes by hand, so it can write what no HTTP/2
 * library will (a flood of resets, a header block that never ends, a window of 0) as well as
 * ordinary gRPC requests. Header blocks are coded with Netty's HPACK (the server's replies use
 * Huffman coding and its dynamic table); a reader thread sorts the server's frames by stream.
 *
 * <p>Unless told to {@link #stopReading()}, it returns every DATA frame's flow-control credit at
 * once, like a client that reads as fast as the server writes.
 */
public final class H2Connection implements AutoCloseable {
  static final int DATA = 0;
  static final int HEADERS = 1;
  static final int RST_STREAM = 3;
  static final int SETTINGS = 4;
  static final int PING = 6;
  static final int GOAWAY = 7;
  static final int WINDOW_UPDATE = 8;
  static final int CONTINUATION = 9;
  static final int MAX_CONCURRENT_STREAMS = 3;
  static final int INITIAL_WINDOW_SIZE = 4;
  static final int MAX_HEADER_LIST_SIZE = 6;
  static final int CANCEL = 8;
  static final int ENHANCE_YOUR_CALM = 11;
  /** SETTINGS_MAX_FRAME_SIZE's default: the largest frame a server must accept. */
  static final int MAX_FRAME = 16_384;
  static final byte[] PREFACE =
      "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

  private static final int END_STREAM = 0x1;
  private static final int ACK = 0x1;
  private static final int END_HEADERS = 0x4;
  private static final int PADDED = 0x8;
  private static final int PRIORITY = 0x20;

  private final Socket socket;
  private final DataOutputStream out;
  private final DefaultHttp2HeadersEncoder encoder = new DefaultHttp2HeadersEncoder();
  private final DefaultHttp2HeadersDecoder decoder = new DefaultHttp2HeadersDecoder(false, 1 << 20);
  private final Map<Integer, H2Stream> streams = new ConcurrentHashMap<>();
  private final AtomicLongArray received = new AtomicLongArray(10);
  private final CompletableFuture<Map<Integer, Long>> settings = new CompletableFuture<>();
  private final CompletableFuture<GoAway> goAway = new CompletableFuture<>();
  private final CompletableFuture<Void> closed = new CompletableFuture<>();
  /** Notified on every frame read and on close, for the waits below. */
  private final Object progress = new Object();
  private volatile boolean replenish = true;
  /** Set when the checker closes the connection: streams still open were given up on. */
  private volatile boolean closing;
  private int settingsAcks; // guarded by progress
  private int pingAcks; // guarded by progress
  /** What this client may still send (RFC 9113, 6.9): the connection's, each stream's. */
  private long connectionWindow = 65_535; // guarded by progress
  private long initialStreamWindow = 65_535; // guarded by progress
  private final Map<Integer, Long> streamWindows = new java.util.HashMap<>(); // by progress
  private int nextStream = 1; // guarded by this

  private H2Connection(Socket socket) throws IOException {
    this.socket = socket;
    this.out = new DataOutputStream(new BufferedOutputStream(socket.getOutputStream(), 64 * 1024));
  }

  /**
   * Sends the client preface and a SETTINGS frame of {@code ourSettings} over {@code socket}
   * (connected, and for TLS already past a handshake that chose h2), then starts reading.
   */
  public static H2Connection start(Socket socket, Map<Integer, Integer> ourSettings)
      throws IOException {
    H2Connection h2 = new H2Connection(socket);
    synchronized (h2) {
      h2.out.write(PREFACE);
      ByteArrayOutputStream pairs = new ByteArrayOutputStream();
      for (Map.Entry<Integer, Integer> s : ourSettings.entrySet()) {
        pairs.writeBytes(new byte[] {(byte) (s.getKey() >>> 8), (byte) (int) s.getKey()});
        pairs.writeBytes(int32(s.getValue()));
      }
      h2.frame(SETTINGS, 0, 0, pairs.toByteArray());
      h2.out.flush();
    }
    Thread reader = new Thread(h2::readFrames, "h2-reader");
    reader.setDaemon(true);
    reader.start();
    return h2;
  }

  /**
   * Opens a stream with {@code headers}; {@code endStream}: a request with no body. If the
   * server has closed the connection, the stream returned says so ({@link H2Stream#resetCode}).
   */
  public synchronized H2Stream open(Http2Headers headers, boolean endStream) throws IOException {
    int id = nextStream;
    nextStream += 2;
    H2Stream stream = new H2Stream(id);
    streams.put(id, stream);
    synchronized (progress) {
      streamWindows.put(id, initialStreamWindow);
    }
    byte[] block = block(id, headers);
    try {
      // A block over the 16 KiB every server accepts in a frame goes on in CONTINUATIONs.
      int first = Math.min(block.length, MAX_FRAME);
      frame(HEADERS, (first == block.length ? END_HEADERS : 0) | (endStream ? END_STREAM : 0),
          id, java.util.Arrays.copyOf(block, first));
      for (int at = first; at < block.length; at += MAX_FRAME) {
        int end = Math.min(block.length, at + MAX_FRAME);
        frame(CONTINUATION, end == block.length ? END_HEADERS : 0, id,
            java.util.Arrays.copyOfRange(block, at, end));
      }
      out.flush();
    } catch (IOException e) {
      stream.reset(H2Stream.CONNECTION_CLOSED);
    }
    return stream;
  }

  /** Sends {@code payload} as one DATA frame, and flushes. */
  public synchronized void data(H2Stream stream, byte[] payload, boolean endStream)
      throws IOException {
    frame(DATA, endStream ? END_STREAM : 0, stream.id(), payload);
    out.flush();
  }

  /**
   * Sends {@code payload} as one DATA frame once the server's flow control allows it: false if
   * it did not within {@code bound} (a server that has stopped reading) or the connection closed.
   */
  public boolean dataWhenAllowed(H2Stream stream, byte[] payload, Duration bound)
      throws IOException, InterruptedException {
    int n = payload.length;
    if (!await(() -> Math.min(connectionWindow, streamWindows.getOrDefault(stream.id(), 0L)) >= n,
        bound)) {
      return false;
    }
    synchronized (progress) {
      connectionWindow -= n;
      streamWindows.merge(stream.id(), (long) -n, Long::sum);
    }
    data(stream, payload, false);
    return true;
  }

  /** Resets {@code stream} with {@code errorCode}, without flushing (floods batch them). */
  public synchronized void reset(int stream, int errorCode) throws IOException {
    frame(RST_STREAM, 0, stream, int32(errorCode));
  }

  /** Opens a stream and resets it at once, without flushing: one step of a Rapid Reset. */
  public synchronized void openAndReset(Http2Headers headers) throws IOException {
    int id = nextStream;
    nextStream += 2;
    frame(HEADERS, END_HEADERS, id, block(id, headers));
    frame(RST_STREAM, 0, id, int32(CANCEL));
  }

  /** A HEADERS frame that does not end its header block: CONTINUATION frames must follow. */
  public synchronized int openUnfinished(Http2Headers headers) throws IOException {
    int id = nextStream;
    nextStream += 2;
    frame(HEADERS, 0, id, block(id, headers));
    return id;
  }

  /** A CONTINUATION frame of {@code block} on {@code stream}, not ending the block. */
  public synchronized void continuation(int stream, byte[] block) throws IOException {
    frame(CONTINUATION, 0, stream, block);
  }

  /**
   * A PING and its acknowledgement: the server handles frames in order, so when the ACK is
   * here every frame sent before the PING has been handled. False if none came in {@code bound}.
   */
  public boolean pingRoundTrip(Duration bound) throws IOException, InterruptedException {
    int before;
    synchronized (progress) {
      before = pingAcks;
    }
    synchronized (this) {
      frame(PING, 0, 0, new byte[8]);
      out.flush();
    }
    return await(() -> pingAcks > before, bound);
  }

  /** An empty SETTINGS frame, which the server must acknowledge. Not flushed. */
  public synchronized void emptySettings() throws IOException {
    frame(SETTINGS, 0, 0, new byte[0]);
  }

  public synchronized void flush() throws IOException {
    out.flush();
  }

  /** From now on, DATA is not acknowledged: the server's windows run out and stay empty. */
  public void stopReading() {
    replenish = false;
  }

  /** How many frames of {@code type} the server has sent. */
  public long received(int type) {
    return received.get(type);
  }

  /** The settings (id to value) of the server's first SETTINGS frame. */
  public CompletableFuture<Map<Integer, Long>> settings() {
    return settings;
  }

  /** The server's GOAWAY: the last stream it handled (or will), and why it is going. */
  public record GoAway(int lastStream, long code) {
    public String codeName() {
      return code == ENHANCE_YOUR_CALM ? "ENHANCE_YOUR_CALM"
          : code == 1 ? "PROTOCOL_ERROR" : code == 0 ? "NO_ERROR" : "code " + code;
    }
  }

  /** The server's GOAWAY, once it sends one. */
  public CompletableFuture<GoAway> goAway() {
    return goAway;
  }

  /** How many of this client's SETTINGS frames the server has acknowledged. */
  public int settingsAcks() {
    synchronized (progress) {
      return settingsAcks;
    }
  }

  /** Completes when the connection is closed, by either side. */
  public CompletableFuture<Void> closed() {
    return closed;
  }

  public boolean awaitSettingsAcks(int count, Duration bound) throws InterruptedException {
    return await(() -> settingsAcks >= count, bound);
  }

  boolean await(BooleanSupplier done, Duration bound) throws InterruptedException {
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

  @Override
  public void close() throws IOException {
    closing = true;
    socket.close();
  }

  private byte[] block(int stream, Http2Headers headers) throws IOException {
    ByteBuf buf = Unpooled.buffer();
    try {
      encoder.encodeHeaders(stream, headers, buf);
      return ByteBufUtil.getBytes(buf);
    } catch (Http2Exception e) {
      throw new IOException("cannot encode the headers", e);
    } finally {
      buf.release();
    }
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
    ByteArrayOutputStream headerBlock = new ByteArrayOutputStream();
    boolean headerEndsStream = false;
    try {
      DataInputStream in = new DataInputStream(socket.getInputStream());
      while (true) {
        int length = in.readUnsignedByte() << 16 | in.readUnsignedShort();
        int type = in.readUnsignedByte();
        int flags = in.readUnsignedByte();
        int id = in.readInt() & 0x7fffffff;
        byte[] payload = in.readNBytes(length);
        if (payload.length < length) {
          break;
        }
        H2Stream stream = streams.get(id);
        switch (type) {
          case HEADERS -> {
            headerBlock.reset();
            headerBlock.writeBytes(headerFragment(payload, flags));
            headerEndsStream = (flags & END_STREAM) != 0;
            if ((flags & END_HEADERS) != 0) {
              headers(stream, id, headerBlock.toByteArray(), headerEndsStream);
            }
          }
          case CONTINUATION -> {
            headerBlock.writeBytes(payload);
            if ((flags & END_HEADERS) != 0) {
              headers(stream, id, headerBlock.toByteArray(), headerEndsStream);
            }
          }
          case DATA -> {
            if (stream != null) {
              stream.data(dataOf(payload, flags), (flags & END_STREAM) != 0);
            }
            if (replenish && length > 0) {
              synchronized (this) {
                frame(WINDOW_UPDATE, 0, 0, int32(length));
                if (stream != null && !stream.done().isDone()) {
                  frame(WINDOW_UPDATE, 0, id, int32(length));
                }
                out.flush();
              }
            }
          }
          case RST_STREAM -> {
            if (stream != null) {
              stream.reset(ByteBuffer.wrap(payload).getInt() & 0xffffffffL);
            }
          }
          case SETTINGS -> settingsRead(flags, payload);
          case WINDOW_UPDATE -> {
            long increment = ByteBuffer.wrap(payload).getInt() & 0x7fffffffL;
            synchronized (progress) {
              if (id == 0) {
                connectionWindow += increment;
              } else {
                streamWindows.computeIfPresent(id, (k, w) -> w + increment);
              }
            }
          }
          case PING -> {
            if ((flags & ACK) != 0) {
              synchronized (progress) {
                pingAcks++;
              }
            } else {
              synchronized (this) {
                frame(PING, ACK, 0, payload);
                out.flush();
              }
            }
          }
          case GOAWAY -> goAway.complete(new GoAway(ByteBuffer.wrap(payload).getInt() & 0x7fffffff,
              ByteBuffer.wrap(payload, 4, 4).getInt() & 0xffffffffL));
          default -> { }
        }
        synchronized (progress) {
          if (type < received.length()) {
            received.incrementAndGet(type);
          }
          progress.notifyAll();
        }
      }
    } catch (IOException | RuntimeException e) {
      // the server closed the connection, or the checker did
    } finally {
      closed.complete(null);
      long why = closing ? H2Stream.GAVE_UP : H2Stream.CONNECTION_CLOSED;
      streams.values().forEach(s -> s.reset(why));
      synchronized (progress) {
        progress.notifyAll();
      }
    }
  }

  private void settingsRead(int flags, byte[] payload) throws IOException {
    if ((flags & ACK) != 0) {
      synchronized (progress) {
        settingsAcks++;
      }
      return;
    }
    Map<Integer, Long> values = new TreeMap<>();
    ByteBuffer pairs = ByteBuffer.wrap(payload);
    while (pairs.remaining() >= 6) {
      values.put(pairs.getShort() & 0xffff, pairs.getInt() & 0xffffffffL);
    }
    settings.complete(values);
    Long window = values.get(INITIAL_WINDOW_SIZE);
    if (window != null) {
      synchronized (progress) { // a new initial window shifts every open stream's (6.9.2)
        long delta = window - initialStreamWindow;
        initialStreamWindow = window;
        streamWindows.replaceAll((k, w) -> w + delta);
      }
    }
    synchronized (this) {
      frame(SETTINGS, ACK, 0, new byte[0]);
      out.flush();
    }
  }

  private void headers(H2Stream stream, int id, byte[] block, boolean endStream)
      throws IOException {
    try {
      Http2Headers headers = decoder.decodeHeaders(id, Unpooled.wrappedBuffer(block));
      if (stream != null) {
        stream.headers(headers, endStream);
      }
    } catch (Http2Exception e) {
      throw new IOException("the server's header block does not decode", e);
    }
  }

  /** A HEADERS payload without its padding and priority fields. */
  private static byte[] headerFragment(byte[] payload, int flags) {
    int start = 0;
    int end = payload.length;
    if ((flags & PADDED) != 0) {
      end -= payload[0] & 0xff;
      start = 1;
    }
    if ((flags & PRIORITY) != 0) {
      start += 5;
    }
    return java.util.Arrays.copyOfRange(payload, start, Math.max(start, end));
  }

  private static byte[] dataOf(byte[] payload, int flags) {
    if ((flags & PADDED) == 0) {
      return payload;
    }
    return java.util.Arrays.copyOfRange(payload, 1, payload.length - (payload[0] & 0xff));
  }

  static byte[] int32(int value) {
    return new byte[] {(byte) (value >>> 24), (byte) (value >>> 16), (byte) (value >>> 8),
        (byte) value};
  }
}
