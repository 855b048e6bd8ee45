package lab.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import lab.common.LabServer;
import lab.testing.GrpcCleanupExtension;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.TestAbortedException;

/**
 * The @grpc/grpc-js client (peers/node/client.js) against the Java server: one node run for
 * every case (max_streams against a server allowing one stream per connection), then one
 * check per row of the table it prints: PASS, or N/A with the reason for a known gap.
 */
class GrpcJsClientInteropTest {
  private static final Pattern ROW = Pattern.compile("^(\\S+)\\s+(PASS|FAIL|N/A)\\s+\\d+\\s*(.*)$");

  @RegisterExtension final GrpcCleanupExtension grpc = new GrpcCleanupExtension();
  @TempDir Path temp;

  record Run(int exitCode, Map<String, String[]> rows, String output) {}

  private Run runClient(String node, int port, String cases) throws Exception {
    Path out = temp.resolve("client-" + cases.hashCode() + ".txt");
    Process client = new ProcessBuilder(node, "client.js", "--server_host=127.0.0.1",
        "--server_port=" + port, "--test_case=" + cases)
        .directory(RequiredPeer.NODE_PEERS.toFile()).redirectErrorStream(true)
        .redirectOutput(out.toFile()).start();
    if (!client.waitFor(150, TimeUnit.SECONDS)) {
      client.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      throw new AssertionError("grpc-js client did not finish in 150 s:\n" + Files.readString(out));
    }
    String output = Files.readString(out, StandardCharsets.UTF_8);
    Map<String, String[]> rows = new HashMap<>();
    for (String line : output.split("\n")) {
      Matcher m = ROW.matcher(line);
      if (m.matches()) {
        rows.put(m.group(1), new String[] {m.group(2), m.group(3).trim()});
      }
    }
    return new Run(client.exitValue(), rows, output);
  }

  @TestFactory
  Stream<DynamicTest> grpcJsClientRunsEveryCaseAgainstTheJavaServer() throws Exception {
    String node;
    try {
      node = RequiredPeer.node();
    } catch (TestAbortedException missing) {
      // Every case reported skipped, rather than the factory vanishing from the counts.
      return Interop.cases().map(testCase -> DynamicTest.dynamicTest(testCase, () -> {
        throw missing;
      }));
    }
    LabServer server = InteropServer.start(0, 0);
    grpc.register(server.server());
    LabServer oneStream = InteropServer.start(0, 1);
    grpc.register(oneStream.server());

    String allButMaxStreams = String.join(",",
        Interop.cases().filter(c -> !c.equals("max_streams")).toList());
    Run main = runClient(node, server.port(), allButMaxStreams);
    Run maxStreams = runClient(node, oneStream.port(), "max_streams");
    System.err.println(main.output() + maxStreams.output());
    // Exit 1 exactly when a row says FAIL; the rows themselves are checked one by one below.
    for (Run run : new Run[] {main, maxStreams}) {
      boolean anyFail = run.rows().values().stream().anyMatch(r -> r[0].equals("FAIL"));
      assertEquals(anyFail ? 1 : 0, run.exitCode(), "grpc-js client exit code:\n" + run.output());
    }

    Map<String, String[]> rows = new HashMap<>(main.rows());
    rows.putAll(maxStreams.rows());
    return Interop.cases().map(testCase -> DynamicTest.dynamicTest(testCase, () -> {
      String[] row = rows.get(testCase);
      assertNotNull(row, testCase + " missing from the grpc-js client's table");
      String gap = Gaps.GRPC_JS_CLIENT.get(testCase);
      String race = Gaps.GRPC_JS_CLIENT_RACES.get(testCase);
      if (race != null && row[0].equals("FAIL") && row[1].equals(race)) {
        System.err.println("KNOWN RACE " + testCase + ": " + row[1] + " (see Gaps)");
      } else if (gap == null) {
        assertEquals("PASS", row[0], testCase + ": " + row[1]);
      } else {
        assertEquals("N/A", row[0], testCase + " was expected to be reported N/A: " + gap);
        assertTrue(row[1].equals(gap), testCase + " N/A reason: " + row[1]);
      }
    }));
  }
}
