package lab.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonStreamParser;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import lab.services.VideoStore;
import lab.testing.Buf;
import lab.testing.GrpcCleanupExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's {@code buf curl -k} commands (the equivalent of the notes' {@code grpcurl
 * -insecure} session) against the real TlsVideoServer: a non-Java client, TLS, reflection.
 */
class TlsVideoServerBufCurlTest {
  @RegisterExtension
  final GrpcCleanupExtension grpc = new GrpcCleanupExtension();
  @TempDir
  Path tmp;

  private static final String NOTES_VIDEO = "{\"id\":\"%s\", \"title\": \"Sample Video\", "
      + "\"author\": \"John Doe\", \"url\": \"https://example.com/sample.mp4\", \"duration\": 120}";

  private Path buf;
  private String server;

  @BeforeEach
  void startTheTlsVideoLab() throws Exception {
    buf = Buf.find();
    int port = grpc.register(TlsVideoServer.start(0, new VideoStore()).server()).getPort();
    server = "https://127.0.0.1:" + port + "/video_service.VideoService/";
  }

  @Test
  void theNotesInteractiveGetVideoSessionWorksOverTlsWithK() throws Exception {
    for (String id : List.of("2", "1")) {
      Result added = buf("", "-k", "-d", NOTES_VIDEO.formatted(id), server + "AddVideo");
      assertEquals(0, added.exit, added.err);
    }
    Result pingPong = buf("{\"id\":\"2\"}\n{\"id\":\"1\"}\n", "-k", "-d", "@-",
        server + "GetVideo");
    assertEquals(0, pingPong.exit, pingPong.err);
    assertEquals(List.of("2", "1"), ids(pingPong.out));
  }

  @Test
  void withoutKTheClientRefusesTheSelfSignedCertificate() throws Exception {
    Result refused = buf("", "-v", "-d", "{}", server + "ListVideos");
    assertNotEquals(0, refused.exit);
    assertTrue(refused.err.contains("certificate"), refused.err);
  }

  private record Result(int exit, String out, String err) {}

  private Result buf(String stdin, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of(buf.toString(), "curl", "--protocol", "grpc"));
    command.addAll(List.of(args));
    Path out = tmp.resolve("out-" + System.nanoTime());
    Path err = tmp.resolve("err-" + System.nanoTime());
    Process p = new ProcessBuilder(command).redirectOutput(out.toFile())
        .redirectError(err.toFile()).start();
    p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
    p.getOutputStream().close();
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("buf curl did not finish in 60 s: " + command);
    }
    return new Result(p.exitValue(), Files.readString(out), Files.readString(err));
  }

  private static List<String> ids(String json) {
    List<String> ids = new ArrayList<>();
    if (!json.isBlank()) {
      new JsonStreamParser(json).forEachRemaining(
          e -> ids.add(((JsonObject) e).get("id").getAsString()));
    }
    return ids;
  }
}
