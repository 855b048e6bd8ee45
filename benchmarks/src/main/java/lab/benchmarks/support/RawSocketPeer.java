package lab.benchmarks.support;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;

/**
 * The physical-limit baseline: a plain loopback TCP connection carrying the same bytes as
 * gRPC would put in its DATA frames — each message prefixed with gRPC's 5-byte header
 * (1 byte compressed flag, 4 bytes length) — but no HTTP/2, no protobuf, no threads handing
 * work around. One thread serves one client: either streams frames or echoes them.
 */
public final class RawSocketPeer implements AutoCloseable {
  private final ServerSocket listener;
  private final Socket client;
  public final DataInputStream in;
  public final DataOutputStream out;

  public RawSocketPeer(boolean echo) throws IOException {
    listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
    Thread server = new Thread(() -> serve(echo), "raw-socket-peer");
    server.setDaemon(true);
    server.start();
    client = new Socket(InetAddress.getLoopbackAddress(), listener.getLocalPort());
    client.setTcpNoDelay(true);
    in = new DataInputStream(new BufferedInputStream(client.getInputStream(), 1 << 20));
    out = new DataOutputStream(new BufferedOutputStream(client.getOutputStream(), 1 << 20));
  }

  private void serve(boolean echo) {
    try (Socket s = listener.accept()) {
      s.setTcpNoDelay(true);
      var sin = new DataInputStream(new BufferedInputStream(s.getInputStream(), 1 << 20));
      var sout = new DataOutputStream(new BufferedOutputStream(s.getOutputStream(), 1 << 20));
      byte[] buffer = new byte[1 << 20];
      while (true) {
        if (echo) { // read one frame, send it back
          int length = readFrame(sin, buffer);
          writeFrame(sout, buffer, length);
          sout.flush();
        } else { // read (count, size), send count frames of size bytes
          int count = sin.readInt();
          int size = sin.readInt();
          for (int i = 0; i < count; i++) {
            writeFrame(sout, buffer, size);
          }
          sout.flush();
        }
      }
    } catch (IOException closed) {
      // the client went away: the benchmark is over
    }
  }

  public static void writeFrame(DataOutputStream out, byte[] payload, int length)
      throws IOException {
    out.writeByte(0);
    out.writeInt(length);
    out.write(payload, 0, length);
  }

  public static int readFrame(DataInputStream in, byte[] buffer) throws IOException {
    in.readByte();
    int length = in.readInt();
    in.readFully(buffer, 0, length);
    return length;
  }

  @Override
  public void close() throws IOException {
    client.close();
    listener.close();
  }
}
