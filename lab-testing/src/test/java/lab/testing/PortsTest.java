package lab.testing;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import org.junit.jupiter.api.Test;

class PortsTest {
  @Test
  void aFreePortRefusesConnections() {
    int port = Ports.freePort();

    assertTrue(port > 0 && port < 65_536, "a real port: " + port);
    assertThrows(ConnectException.class, () -> {
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
      }
    });
  }
}
