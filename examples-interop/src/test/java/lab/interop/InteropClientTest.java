package lab.interop;

import static lab.testing.Ports.freePort;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import lab.common.LabServer;
import lab.testing.GrpcCleanupExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The client main as a user meets it: official flag names, a table, the exit code. */
class InteropClientTest {
  @RegisterExtension final GrpcCleanupExtension grpc = new GrpcCleanupExtension();
  private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
  private final PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);

  private String table() {
    return printed.toString(StandardCharsets.UTF_8);
  }

  @Test
  void chosenCasesPrintOnePassRowEachAndExitZero() throws Exception {
    LabServer server = InteropServer.start(0, 0);
    grpc.register(server.server());
    int exit = InteropClient.run(new String[] {"--server_host", "127.0.0.1",
        "--server_port", String.valueOf(server.port()),
        "--test_case", "empty_unary,special_status_message,ping_pong"}, out);
    assertEquals(0, exit, table());
    assertEquals(3, table().lines().filter(l -> l.matches("^\\S+\\s+PASS\\s.*")).count(), table());
    assertTrue(table().contains("3 of 3 passed"), table());
  }

  @Test
  void aFailingCaseMakesTheClientExitOne() throws Exception {
    int closedPort = freePort(); // nothing listens there
    int exit = InteropClient.run(new String[] {"--server_host=127.0.0.1",
        "--server_port=" + closedPort, "--test_case=empty_unary"}, out);
    assertEquals(1, exit, table());
    assertTrue(table().matches("(?s).*empty_unary\\s+FAIL\\s.*UNAVAILABLE.*"), table());
  }

  @Test
  void anUnknownCaseNameIsRefusedBeforeAnyCallIsMade() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () ->
        InteropClient.run(new String[] {"--test_case", "empty_unary,no_such_case"}, out));
    assertTrue(e.getMessage().contains("no_such_case"), e.getMessage());
    assertEquals("", table());
  }

  @Test
  void aMisspelledFlagIsAUsageErrorNotASilentDefault() throws Exception {
    // --server-port (dash) is not --server_port: a lenient parser would run against 50080
    int exit = InteropClient.run(new String[] {"--server-port", "1"}, out);

    assertEquals(2, exit);
    assertEquals("", table());
  }
}
