package lab.streaming;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonStreamParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import lab.common.LabServer;
import lab.testing.Buf;
import lab.testing.GrpcCleanupExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import lab.services.VideoStore;
import lab.services.VideoService;

/**
 * The notes drive the lab with grpcurl, a Go client. This replays their session, in their
 * order, with another real non-Java client, {@code buf curl} (pinned in .ci/tools), against
 * the real server over TCP, through server reflection — no .proto file given to the client.
 */
class BufCurlReplaysTheNotesSessionTest {
  @RegisterExtension
  final GrpcCleanupExtension grpc = new GrpcCleanupExtension();

  private static final String NOTES_VIDEO = "{\"id\":\"%s\", \"title\": \"Sample Video\", "
      + "\"author\": \"John Doe\", \"url\": \"https://example.com/sample.mp4\", \"duration\": 120}";

  private Path buf;
  private String server;

  @BeforeEach
  void startTheLabOnAFreePort() throws Exception {
    buf = Buf.find();
    LabServer lab = LabServer.onPort(0).addService(new VideoService(new VideoStore())).start();
    grpc.register(lab.server());
    server = "http://127.0.0.1:" + lab.port();
  }

  @Test
  void theNotesSessionGivesTheNotesAnswersInOrder() throws Exception {
    Result list = buf("", "--list-services", server);
    assertTrue(list.out.contains("video_service.VideoService"), list.out);

    assertEquals(List.of(), ids(buf("", method("ListVideos")).out), "the store starts empty");

    for (String id : List.of("2", "1")) {
      Result added = buf("", "-d", NOTES_VIDEO.formatted(id), method("AddVideo"));
      JsonObject video = objects(added.out).get(0).getAsJsonObject("video");
      assertEquals(id, video.get("id").getAsString());
      assertEquals(120, video.get("duration").getAsInt());
    }

    Result gathered = buf("{\"id\":\"2\"}\n{\"id\":\"1\"}\n", "-d", "@-", method("GetVideos"));
    assertEquals(List.of("2", "1"), ids(gathered.out));

    Result pingPong = buf("{\"id\":\"2\"}\n{\"id\":\"1\"}\n", "-d", "@-", method("GetVideo"));
    assertEquals(List.of("2", "1"), ids(pingPong.out));

    assertEquals(List.of("2", "1"), ids(buf("", method("ListVideos")).out));
  }

  @Test
  void errorsReachTheRealClientWithTheirCodeAndMessage() throws Exception {
    Result unknown = bufMayFail("{\"id\":\"42\"}\n", "-d", "@-", method("GetVideo"));
    assertNotEquals(0, unknown.exit);
    assertTrue(unknown.err.contains("not_found"), unknown.err);
    assertTrue(unknown.err.contains("no video with id \\\"42\\\""), unknown.err);

    Result invalid = bufMayFail("", "-d", "{\"id\":\"7\", \"duration\": -1, \"title\": \"t\"}",
        method("AddVideo"));
    assertTrue(invalid.err.contains("invalid_argument"), invalid.err);
    assertTrue(invalid.err.contains("duration must not be negative, was -1"), invalid.err);
  }

  private String method(String name) {
    return server + "/video_service.VideoService/" + name;
  }

  private record Result(int exit, String out, String err) {}

  private Result buf(String stdin, String... args) throws Exception {
    Result r = bufMayFail(stdin, args);
    assertEquals(0, r.exit, "buf curl failed: " + r.err);
    return r;
  }

  private Result bufMayFail(String stdin, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of(buf.toString(), "curl", "--protocol", "grpc",
        "--http2-prior-knowledge"));
    command.addAll(List.of(args));
    Path out = Files.createTempFile("buf-out", ".json");
    Path err = Files.createTempFile("buf-err", ".txt");
    try {
      Process p = new ProcessBuilder(command).redirectOutput(out.toFile())
          .redirectError(err.toFile()).start();
      p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
      p.getOutputStream().close();
      if (!p.waitFor(30, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new AssertionError("buf curl did not finish in 30 s: " + command);
      }
      return new Result(p.exitValue(), Files.readString(out), Files.readString(err));
    } finally {
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    }
  }

  private static List<JsonObject> objects(String json) {
    List<JsonObject> objects = new ArrayList<>();
    if (json.isBlank()) {
      return objects; // an empty stream prints nothing
    }
    new JsonStreamParser(json).forEachRemaining(e -> objects.add(e.getAsJsonObject()));
    return objects;
  }

  private static List<String> ids(String json) {
    return objects(json).stream().map(o -> o.get("id").getAsString()).toList();
  }
}
