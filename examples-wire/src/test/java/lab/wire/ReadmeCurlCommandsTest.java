package lab.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import lab.common.LabServer;
import lab.testing.GrpcCleanupExtension;
import lab.testing.Required;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs RESULTS.md's {@code curl --http2-prior-knowledge} commands, in order, in one bash,
 * against a fresh WireServer, and compares what each prints with what RESULTS.md shows.
 */
class ReadmeCurlCommandsTest {
  private static final String MARK = "@@@ next command @@@";

  @RegisterExtension
  final GrpcCleanupExtension grpc = new GrpcCleanupExtension();
  @TempDir
  Path tmp;

  @Test
  void everyCurlCommandInTheReadmePrintsWhatTheReadmeShows() throws Exception {
    requireCurlWithHttp2();
    LabServer server = WireServer.start(0);
    grpc.register(server.server());

    List<String> commands = new ArrayList<>();
    List<List<String>> expected = new ArrayList<>();
    for (String line : ReadmeBlocks.lines("RESULTS.md", "curl")) {
      if (line.startsWith("$ ")) {
        commands.add(line.substring(2).replace("127.0.0.1:" + WireServer.DEFAULT_PORT,
            "127.0.0.1:" + server.port()));
        expected.add(new ArrayList<>());
      } else {
        expected.get(expected.size() - 1).add(line);
      }
    }
    StringBuilder script = new StringBuilder();
    commands.forEach(c -> script.append("echo '").append(MARK).append("'\n").append(c)
        .append(" 2>&1\n"));
    String[] outputs = bash(script.toString()).split(MARK + "\n", -1);

    assertEquals(commands.size() + 1, outputs.length, String.join("\n", outputs));
    for (int i = 0; i < commands.size(); i++) {
      assertEquals(ReadmeBlocks.normalize(expected.get(i)),
          ReadmeBlocks.normalize(outputs[i + 1].lines().toList()), "$ " + commands.get(i));
    }
  }

  private String bash(String script) throws Exception {
    Path out = tmp.resolve("out.txt");
    Process p = new ProcessBuilder("bash", "-c", script).redirectErrorStream(true)
        .redirectOutput(out.toFile()).start();
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("RESULTS.md's curl commands did not finish in 120 s");
    }
    return Files.readString(out, StandardCharsets.UTF_8);
  }

  /** curl with HTTP/2: required in CI, skipped with a hint elsewhere. */
  private void requireCurlWithHttp2() throws Exception {
    String hint = "curl with HTTP2 support needed: apt-get install -y curl";
    String version;
    try {
      version = bash("curl --version");
    } catch (java.io.IOException e) {
      version = "";
    }
    if (!version.contains("HTTP2")) {
      Required.missing(hint + (version.isBlank() ? "" : "; curl --version: " + version.strip()));
    }
  }
}
