package lab.multiplex;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import lab.common.LabServer;
import lab.common.Main;
import lab.testing.Console;
import lab.testing.GrpcCleanupExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * MultiplexClient's main body against the lesson's server, as the README's "Try it" shows it:
 * each line stamped with when its call ended, counted from when the slow clock call was sent.
 * Run in this JVM through Main's exit-code core.
 */
class MultiplexClientTest {
  @RegisterExtension
  final GrpcCleanupExtension grpc = new GrpcCleanupExtension();

  private final Console console = new Console();

  @Test
  void theVideoAndRouteGuideCallsEndWhileTheSlowClockCallIsStillWaiting() throws Exception {
    // 3 s: the other calls take milliseconds, so even a loaded machine is far inside it.
    assertEquals(0, client("--clock-delay-ms", "3000"), out() + err());

    Matcher lines = Pattern.compile("""
        route guide: Tower Bridge, London
        \\s*(\\d+) ms  clock call sent, asked to wait 3000 ms
        \\s*(\\d+) ms  video service: added one, now 1 video\\(s\\)
        \\s*(\\d+) ms  route guide again: Tower Bridge, London
        \\s*(\\d+) ms  clock: \\d{4}-\\d\\d-\\d\\dT[^ ]+Z \\(the other calls did not wait for it\\)
        three stubs, one channel: one TCP connection, one HTTP/2 stream per call
        """).matcher(out());
    assertTrue(lines.matches(), out());
    long routeGuideAgain = Long.parseLong(lines.group(3));
    long clock = Long.parseLong(lines.group(4));
    assertTrue(routeGuideAgain < 3000, "the route guide did not wait for the clock: " + out());
    assertTrue(clock >= 3000, "the clock answered after its delay: " + out());
    assertEquals("", err());
  }

  @Test
  void aClockDelayBeyondTheServersLimitIsPrintedAsTheClockCallsFailureAndExitsOne()
      throws Exception {
    assertEquals(Main.FAILED, client("--clock-delay-ms", "60001"), out() + err());

    assertTrue(out().contains(
        " ms  clock failed: INVALID_ARGUMENT: delay_ms must be 0..60000, was 60001\n"), out());
    assertEquals("error: the call failed with INVALID_ARGUMENT: delay_ms must be 0..60000,"
        + " was 60001\n", err());
  }

  /** The client's main body with {@code args} against a new lesson server; its exit code. */
  private int client(String... args) throws Exception {
    LabServer server = MultiplexServer.start(0, netty -> { });
    grpc.register(server.server());
    return Main.exitCode(Console.targeting(server.port(), args), MultiplexClient.USAGE,
        MultiplexClient.START_SERVER, flags -> MultiplexClient.run(flags, console.stdout()), console.stderr());
  }

  private String out() {
    return console.out();
  }

  private String err() {
    return console.err();
  }
}
