package lab.reliability;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A TCP relay between clients and a server that can make every client vanish at once the
 * rude way: its server-side sockets are closed with SO_LINGER 0, so the server receives a TCP
 * RST, with no HTTP/2 GOAWAY and no RST_STREAM first (a killed process, a crashed NAT).
 */
final class ResetProxy implements AutoCloseable {
  private final ServerSocket listener;
  private final int target;
  private final List<Socket> toServer = new CopyOnWriteArrayList<>();
  private final List<Socket> toClients = new CopyOnWriteArrayList<>();
  private final ExecutorService pumps = Executors.newCachedThreadPool();

  ResetProxy(int target) throws IOException {
    this.target = target;
    this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    pumps.execute(this::accept);
  }

  int port() {
    return listener.getLocalPort();
  }

  private void accept() {
    while (!listener.isClosed()) {
      try {
        Socket client = listener.accept();
        Socket server = new Socket(InetAddress.getLoopbackAddress(), target);
        toClients.add(client);
        toServer.add(server);
        pumps.execute(() -> pump(client, server));
        pumps.execute(() -> pump(server, client));
      } catch (IOException e) {
        return; // closed
      }
    }
  }

  private static void pump(Socket from, Socket to) {
    try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
      in.transferTo(out);
    } catch (IOException e) {
      // one side went away: the other pump ends when its socket is closed
    }
  }

  /** Resets every connection to the server; clients' sockets are simply closed. */
  void resetAll() throws IOException {
    for (Socket s : toServer) {
      if (!s.isClosed()) {
        s.setSoLinger(true, 0);
        s.close();
      }
    }
    for (Socket s : toClients) {
      s.close();
    }
  }

  @Override
  public void close() throws Exception {
    listener.close();
    resetAll();
    pumps.shutdownNow();
    pumps.awaitTermination(10, TimeUnit.SECONDS);
  }
}
