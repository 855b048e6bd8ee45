package lab.check;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.DefaultHttp2HeadersDecoder;
import io.netty.handler.codec.http2.DefaultHttp2HeadersEncoder;
import io.netty.handler.codec.http2.Http2Exception;
import io.netty.handler.codec.http2.Http2Headers;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A "gRPC server" of a few frames by hand that breaks the rules a gRPC library keeps for you,
 * so the checks that no library server can fail are seen to fail: it answers every path, any
 * content-type and any encoding with OK (and HTTP/1.1 with 200), advertises no limits, takes
 * any number of resets, SETTINGS and CONTINUATION frames, credits every byte it is sent (and
 * never answers GetVideo and GetVideos, so a writer goes on), and writes a message every
 * millisecond on a Watch or ListVideos stream, ignoring both the deadline and the client's
 * reset. Each connection has a thread; all are stopped on close.
 */
final class RuleBreakingServer implements AutoCloseable {
  private final ServerSocket listener;
  private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "rule-breaking-server");
    t.setDaemon(true);
    return t;
  });
  private final ScheduledExecutorService writers = Executors.newScheduledThreadPool(1, r -> {
    Thread t = new Thread(r, "rule-breaking-writer");
    t.setDaemon(true);
    return t;
  });
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();

  RuleBreakingServer() throws IOException {
    listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    threads.execute(this::accept);
  }

  int port() {
    return listener.getLocalPort();
  }

  private void accept() {
    try {
      while (true) {
        Socket socket = listener.accept();
        open.add(socket);
        threads.execute(() -> serve(socket));
      }
    } catch (IOException e) {
      // closed
    }
  }

  private void serve(Socket socket) {
    try (socket) {
      DataInputStream in = new DataInputStream(socket.getInputStream());
      DataOutputStream out = new DataOutputStream(
          new BufferedOutputStream(socket.getOutputStream()));
      byte[] preface = in.readNBytes(H2Connection.PREFACE.length);
      if (new String(preface, StandardCharsets.US_ASCII).startsWith("GET ")) {
        out.write("HTTP/1.1 200 OK\r\ncontent-length: 2\r\n\r\nok".getBytes(
            StandardCharsets.US_ASCII));
        out.flush();
        return;
      }
      new Connection(out).serve(in);
    } catch (IOException | Http2Exception e) {
      // the client went away
    } finally {
      open.remove(socket);
    }
  }

  /** One connection's frames, read on its thread; writes are synchronized on {@code out}. */
  private final class Connection {
    private final DataOutputStream out;
    private final DefaultHttp2HeadersEncoder encoder = new DefaultHttp2HeadersEncoder();
    private final DefaultHttp2HeadersDecoder decoder =
        new DefaultHttp2HeadersDecoder(false, Long.MAX_VALUE);

    Connection(DataOutputStream out) {
      this.out = out;
    }

    void serve(DataInputStream in) throws IOException, Http2Exception {
      frame(H2Connection.SETTINGS, 0, 0, new byte[0]); // advertises nothing: no limits
      ByteArrayOutputStream block = new ByteArrayOutputStream();
      while (true) {
        int length = in.readUnsignedByte() << 16 | in.readUnsignedShort();
        int type = in.readUnsignedByte();
        int flags = in.readUnsignedByte();
        int stream = in.readInt() & 0x7fffffff;
        byte[] payload = in.readNBytes(length);
        if (type == H2Connection.SETTINGS && (flags & 1) == 0
            || type == H2Connection.PING && (flags & 1) == 0) {
          frame(type, 1, 0, type == H2Connection.PING ? payload : new byte[0]);
        } else if (type == H2Connection.HEADERS || type == H2Connection.CONTINUATION) {
          block.writeBytes(payload); // no padding or priority from the checker
          if ((flags & 0x4) != 0) {
            Http2Headers request = decoder.decodeHeaders(stream,
                Unpooled.wrappedBuffer(block.toByteArray()));
            block.reset();
            answer(stream, request.path().toString());
          }
        } else if (type == H2Connection.DATA && length > 0) {
          frame(H2Connection.WINDOW_UPDATE, 0, 0, H2Connection.int32(length));
          frame(H2Connection.WINDOW_UPDATE, 0, stream, H2Connection.int32(length));
        }
      }
    }

    private void answer(int stream, String path) throws IOException, Http2Exception {
      frame(H2Connection.HEADERS, 0x4, stream, block(stream, new DefaultHttp2Headers()
          .status("200").add("content-type", "application/grpc")));
      if (path.endsWith("/Watch") || path.endsWith("/ListVideos")) {
        writers.scheduleAtFixedRate(() -> writeOne(stream), 0, 1, TimeUnit.MILLISECONDS);
      } else if (!path.endsWith("/GetVideo") && !path.endsWith("/GetVideos")) {
        frame(H2Connection.HEADERS, 0x5, stream, block(stream, new DefaultHttp2Headers()
            .add("grpc-status", "0")));
      }
    }

    /** A message each millisecond, until the connection goes: resets and deadlines ignored. */
    private void writeOne(int stream) {
      try {
        frame(H2Connection.DATA, 0, stream, Payloads.message(new byte[] {8, 1}, false));
      } catch (IOException e) {
        throw new UncheckedIOException(e); // the connection is gone: ends the repetition
      }
    }

    private byte[] block(int stream, Http2Headers headers) throws Http2Exception {
      ByteBuf buf = Unpooled.buffer();
      try {
        synchronized (out) {
          encoder.encodeHeaders(stream, headers, buf);
        }
        return ByteBufUtil.getBytes(buf);
      } finally {
        buf.release();
      }
    }

    private void frame(int type, int flags, int stream, byte[] payload) throws IOException {
      synchronized (out) {
        out.writeByte(payload.length >>> 16);
        out.writeShort(payload.length & 0xffff);
        out.writeByte(type);
        out.writeByte(flags);
        out.writeInt(stream);
        out.write(payload);
        out.flush();
      }
    }
  }

  @Override
  public void close() throws IOException, InterruptedException {
    listener.close();
    for (Socket s : open) {
      s.close();
    }
    writers.shutdownNow();
    threads.shutdownNow();
    writers.awaitTermination(10, TimeUnit.SECONDS);
    threads.awaitTermination(10, TimeUnit.SECONDS);
  }
}
