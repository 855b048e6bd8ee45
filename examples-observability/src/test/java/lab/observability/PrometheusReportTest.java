package lab.observability;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetAddress;
import java.net.ServerSocket;
import lab.common.Main;
import lab.testing.Console;
import org.junit.jupiter.api.Test;

/** PrometheusReport's mistakes end in one line and an exit code, never a stack trace. */
class PrometheusReportTest {
  private final Console console = new Console();

  private int report(String... args) throws Exception {
    return Main.exitCode(args, PrometheusReport.USAGE, null, PrometheusReport::run,
        console.stderr());
  }

  @Test
  void noPrometheusAtTheUrlIsOneLineNamingItAndExitOne() throws Exception {
    int port;
    try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      port = free.getLocalPort(); // closed below: nothing listens there any more
    }
    String url = "http://127.0.0.1:" + port;

    assertEquals(Main.FAILED, report("--prometheus", url));

    assertEquals("error: cannot reach Prometheus at " + url + " (connection refused): is it"
        + " running? examples-observability/demo.sh starts one\n", console.err());
  }

  @Test
  void anAtThatIsNotANumberIsAUsageError() throws Exception {
    assertEquals(Main.USAGE_ERROR, report("--at", "yesterday"));
    assertEquals("error: --at takes a whole number, got: yesterday\n" + PrometheusReport.USAGE
        + "\n", console.err());
  }
}
