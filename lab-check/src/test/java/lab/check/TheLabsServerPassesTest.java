package lab.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import lab.common.LabServer;
import lab.proto.video.Video;
import lab.services.VideoLab;
import lab.services.VideoStore;
import lab.testing.GrpcCleanupExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The lab's own video server, with its defaults, passes every check, the hostile ones
 * included: the lessons' fixes, measured from outside by a client that knows nothing of it.
 */
class TheLabsServerPassesTest {
  @RegisterExtension
  final GrpcCleanupExtension grpc = new GrpcCleanupExtension();
  @TempDir
  Path dir;

  @Test
  void theVideoLabPassesEveryCheckAndTheReportsSaySo() throws Exception {
    VideoStore store = new VideoStore();
    for (int i = 0; i < 2_000; i++) { // enough that ListVideos is still writing when stalled
      store.add(Video.newBuilder().setId("v" + i).setTitle("t".repeat(1_000)).build());
    }
    LabServer server = VideoLab.start(0, store);
    grpc.register(server.server());
    Path json = dir.resolve("report.json");
    Path markdown = dir.resolve("report.md");

    Check.Result result = Checks.run("--target", "127.0.0.1:" + server.port(), "--hostile",
        "--json", json.toString(), "--markdown", markdown.toString());

    List<Finding> notPassed = result.findings().stream()
        .filter(f -> f.verdict() != Verdict.PASS && f.verdict() != Verdict.SKIP).toList();
    assertEquals(List.of(), notPassed);
    assertEquals(0, result.exitCode());
    // The one server-streaming method the checker cannot hold open writes nothing unread:
    // health Watch answers once and waits. Every other check ran.
    assertEquals(List.of(), result.findings().stream().filter(f -> f.verdict() == Verdict.SKIP)
        .map(Finding::check).toList());
    assertEquals("100", result.find("max concurrent streams").measured());
    assertEquals("262,144", result.find("initial stream window").measured());
    assertEquals("8,192", result.find("max header list size").measured());
    assertTrue(result.find("rapid reset").measured().startsWith("GOAWAY ENHANCE_YOUR_CALM"));
    assertTrue(result.find("SETTINGS flood").measured().startsWith("GOAWAY ENHANCE_YOUR_CALM"));
    assertTrue(result.find("zero-window reader → /video_service.VideoService/ListVideos")
        .measured().startsWith("50 streams held unread"));
    long silentMs = Long.parseLong(result.find("connected, silent").measured()
        .replaceAll("\\D", ""));
    assertTrue(silentMs >= 9_000, "closed by the lab's 10 s handshake limit, not earlier: "
        + silentMs + " ms");
    assertEquals(List.of(), Checks.missingLinks(result));

    JsonObject report = JsonParser.parseString(Files.readString(json)).getAsJsonObject();
    assertEquals(0, report.getAsJsonObject("summary").get("fail").getAsInt());
    assertEquals(result.findings().size(), report.getAsJsonArray("findings").size());
    String md = Files.readString(markdown);
    assertTrue(md.contains("| PASS | hostile | rapid reset | GOAWAY ENHANCE_YOUR_CALM"), md);
  }
}
