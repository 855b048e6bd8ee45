package lab.interop;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import lab.testing.PeerProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.opentest4j.TestAbortedException;

/**
 * The Java client against a server of another language, started by the test on a free
 * loopback port ({@code --port=0}); a second one, started with
 * {@code --max_concurrent_streams=1}, serves max_streams. Cases the peer cannot serve are
 * required to fail with the reason its {@link Gaps} entry gives.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class PeerServerInteropTest {
  private PeerProcess server;
  private PeerProcess oneStream;

  /** A short name for the peer's log lines. */
  abstract String name();

  /** The folder the peer runs in. */
  abstract Path folder();

  /** The command that starts the server, without its flags. */
  abstract String[] command() throws Exception;

  /** The cases the peer cannot serve, and why. */
  abstract Map<String, Gaps.Gap> gaps();

  /** Why the peer cannot run here (outside CI only), reported as each case's skip reason. */
  private TestAbortedException missing;

  @BeforeAll
  void startServers() throws Exception {
    // An abort here would make the whole class vanish from the counts (run 0, skipped 0):
    // keep it, and let every case report itself skipped instead.
    String[] command;
    try {
      command = command();
    } catch (TestAbortedException e) {
      missing = e;
      return;
    }
    server = PeerProcess.start(name(), folder(), with(command, "--port=0"));
    oneStream = PeerProcess.start(name() + "-1-stream", folder(),
        with(command, "--port=0", "--max_concurrent_streams=1"));
  }

  @AfterAll
  void stopServers() throws InterruptedException {
    for (PeerProcess peer : new PeerProcess[] {server, oneStream}) {
      if (peer != null) {
        peer.close();
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("lab.interop.Interop#cases")
  void theJavaClientRunsTheCaseAgainstThePeerServer(String testCase) throws Exception {
    if (missing != null) {
      throw missing;
    }
    PeerProcess peer = testCase.equals("max_streams") ? oneStream : server;
    try (ServerUnderTest target = Interop.target(peer.port())) {
      Interop.check(target, testCase, gaps());
    }
  }

  private static String[] with(String[] command, String... flags) {
    String[] all = Arrays.copyOf(command, command.length + flags.length);
    System.arraycopy(flags, 0, all, command.length, flags.length);
    return all;
  }
}
