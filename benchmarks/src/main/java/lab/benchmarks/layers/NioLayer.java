package lab.benchmarks.layers;

import java.io.EOFException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.concurrent.TimeUnit;

/**
 * The stronger raw baseline: the same frames as RawSocketPeer, over NIO channels with direct
 * buffers. Blocking java.net streams pay twice per message: DataInput/OutputStream reach the
 * buffered stream once per byte of the prefix (a synchronized call each), and every socket
 * read or write copies between the Java array and a native buffer. Here the prefix is one
 * getInt on a direct buffer the kernel reads into, and writes go out 256 KiB per syscall.
 * Both ends stay in blocking mode: one connection per thread needs no selector, and a
 * selector would add an epoll_wait per read.
 */
final class NioLayer implements Layer {
  private static final int BATCH = 256 << 10;

  private final ServerSocketChannel listener;
  private final SocketChannel client;
  private final Thread server;
  private final ByteBuffer in = ByteBuffer.allocateDirect(1 << 20);
  private final ByteBuffer request = ByteBuffer.allocateDirect(8);
  private byte[] payload = new byte[0];

  NioLayer() throws IOException {
    listener = ServerSocketChannel.open()
        .bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1);
    server = new Thread(this::serve, "nio-layer-server");
    server.setDaemon(true);
    server.start();
    client = SocketChannel.open(listener.getLocalAddress());
    client.setOption(StandardSocketOptions.TCP_NODELAY, true);
    in.flip(); // empty; bytes left over from one stream would be misparsed by the next
  }

  private void serve() {
    try (SocketChannel s = listener.accept()) {
      s.setOption(StandardSocketOptions.TCP_NODELAY, true);
      ByteBuffer ask = ByteBuffer.allocateDirect(8);
      ByteBuffer out = ByteBuffer.allocateDirect(BATCH + (1 << 20) + 5);
      byte[] data = new byte[1 << 20];
      while (true) { // read (count, size), send count frames of size bytes
        ask.clear();
        readFully(s, ask);
        int count = ask.getInt(0);
        int size = ask.getInt(4);
        out.clear();
        for (int i = 0; i < count; i++) {
          out.put((byte) 0).putInt(size).put(data, 0, size);
          if (out.position() >= BATCH || i == count - 1) {
            out.flip();
            while (out.hasRemaining()) {
              s.write(out);
            }
            out.clear();
          }
        }
      }
    } catch (IOException closed) {
      // the client went away: the benchmark is over
    }
  }

  @Override
  public Received stream(int count, int size) throws IOException {
    if (payload.length < size) {
      payload = new byte[size];
    }
    request.clear();
    request.putInt(count).putInt(size).flip();
    while (request.hasRemaining()) {
      client.write(request);
    }
    long bytes = 0;
    for (int i = 0; i < count; i++) {
      fill(5);
      in.get(); // compressed flag
      int length = in.getInt();
      fill(length);
      in.get(payload, 0, length); // copy the message out, as gRPC's parser does
      bytes += length;
    }
    return new Received(count, bytes);
  }

  /** Reads until at least {@code needed} bytes are buffered. */
  private void fill(int needed) throws IOException {
    if (in.remaining() >= needed) {
      return;
    }
    if (needed > in.capacity()) {
      throw new IOException("a frame of " + needed + " bytes: the stream is misframed");
    }
    in.compact();
    while (in.position() < needed) {
      if (client.read(in) < 0) {
        throw new EOFException("server closed mid-stream");
      }
    }
    in.flip();
  }

  private static void readFully(SocketChannel channel, ByteBuffer buffer) throws IOException {
    while (buffer.hasRemaining()) {
      if (channel.read(buffer) < 0) {
        throw new EOFException();
      }
    }
  }

  @Override
  public void close() throws Exception {
    client.close();
    listener.close();
    server.join(TimeUnit.SECONDS.toMillis(10));
  }
}
