package lab.streaming;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import lab.common.LabServer;
import lab.common.Main;
import lab.services.VideoStore;
import lab.testing.GrpcCleanupExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * VideoClient's main body in this JVM, against the lesson's VideoServer: the notes' session
 * (each request, then its reply, in the order the notes give them) and the interactive chat.
 * NewcomerMistakesTest runs the same main as a process, for its exit codes.
 */
class VideoClientTest {
  private static final Duration BOUND = Duration.ofSeconds(30);

  @RegisterExtension
  final GrpcCleanupExtension grpc = new GrpcCleanupExtension();

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private LabServer server;

  @BeforeEach
  void startTheLessonsServer() throws Exception {
    server = VideoServer.start(0, new VideoStore());
    grpc.register(server.server());
  }

  @Test
  void theNotesSessionPrintsEachRequestThenItsReplyAndPingPongWaitsForEachReply()
      throws Exception {
    assertEquals(0, client(InputStream.nullInputStream()), err());

    assertEquals("-> ListVideos {}\n"
        + "-> AddVideo " + video("2") + "\n<- {\"video\":" + video("2") + "}\n"
        + "-> AddVideo " + video("1") + "\n<- {\"video\":" + video("1") + "}\n"
        + "-> GetVideos (gather): 2, 1, then half-close\n"
        + "<- " + video("2") + "\n<- " + video("1") + "\n"
        + "-> GetVideo (ping-pong): 2, wait, 1, wait\n"
        + "-> 2\n<- " + video("2") + "\n-> 1\n<- " + video("1") + "\n", out());
  }

  @Test
  void aSecondRunListsTheVideosAndIsToldTheyAlreadyExist() throws Exception {
    assertEquals(0, client(InputStream.nullInputStream()), err());
    out.reset();

    assertEquals(0, client(InputStream.nullInputStream()), err());

    String[] lines = out().split("\n");
    assertEquals("<- " + video("2"), lines[1]);
    assertEquals("<- " + video("1"), lines[2]);
    assertEquals("<- Status{code=ALREADY_EXISTS, description=video with id \"2\" already"
        + " exists, cause=null}", lines[4]);
  }

  @Test
  void chatAnswersEachTypedIdAndSkipsBlankLines() throws Exception {
    byte[] typed = "2\n\n 1 \n".getBytes(StandardCharsets.UTF_8);
    // The notes' session first: it adds videos 2 and 1.
    assertEquals(0, client(InputStream.nullInputStream()), err());
    out.reset();

    assertEquals(0, client(new ByteArrayInputStream(typed), "--chat"), err());

    assertEquals("Type a video id per line; Ctrl-D ends the stream.\n"
        + "<- " + video("2") + "\n<- " + video("1") + "\n", out());
  }

  @Test
  void chatEndsAtAnErrorStatusWithoutWaitingForTheNextLine() throws Exception {
    // The user typed an unknown id and has not pressed Ctrl-D: stdin stays open.
    try (PipedOutputStream keyboard = new PipedOutputStream();
         PipedInputStream stdin = new PipedInputStream(keyboard)) {
      keyboard.write("9\n".getBytes(StandardCharsets.UTF_8));
      keyboard.flush();

      assertEquals(Main.FAILED, client(stdin, "--chat"));

      assertEquals("Type a video id per line; Ctrl-D ends the stream.\n"
          + "<- NOT_FOUND: no video with id \"9\"\n", out());
      assertEquals("error: the call failed with NOT_FOUND: no video with id \"9\"\n", err());
    } // closing the keyboard ends the stdin thread's readLine
  }

  /** The notes' video, as the client prints it (JSON on one line, as grpcurl does). */
  private static String video(String id) {
    return "{\"id\":\"" + id + "\",\"title\":\"Sample Video\",\"author\":\"John Doe\","
        + "\"url\":\"https://example.com/sample.mp4\",\"duration\":120}";
  }

  /** VideoClient's main body against the server, bounded: its exit code. */
  private int client(InputStream stdin, String... flags) {
    String[] args = new String[flags.length + 2];
    args[0] = "--target";
    args[1] = "127.0.0.1:" + server.port();
    System.arraycopy(flags, 0, args, 2, flags.length);
    PrintStream stdout = new PrintStream(out, true, StandardCharsets.UTF_8);
    PrintStream stderr = new PrintStream(err, true, StandardCharsets.UTF_8);
    return assertTimeoutPreemptively(BOUND, () -> Main.exitCode(args, VideoClient.USAGE,
        VideoClient.START_SERVER, f -> VideoClient.run(f, stdin, stdout), stderr));
  }

  private String out() {
    return out.toString(StandardCharsets.UTF_8);
  }

  private String err() {
    return err.toString(StandardCharsets.UTF_8);
  }
}
