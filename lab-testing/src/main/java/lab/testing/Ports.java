package lab.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** Ports on 127.0.0.1 for tests of what happens when nothing, or something else, is there. */
public final class Ports {
  private Ports() {}

  /**
   * A port on 127.0.0.1 that nothing listens on: the system picks one, the socket that took it
   * is closed at once, and a connection to it is refused. Another process may take it later;
   * a test that needs it kept taken holds a {@link ServerSocket} open instead.
   */
  public static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free port on 127.0.0.1", e);
    }
  }
}
