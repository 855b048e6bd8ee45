package lab.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** README.md's `bash tour.sh` walks the whole learning path and every step passes. */
class TourTest {

  @Test
  void theTourRunsEveryLessonsClientAgainstItsServerAndEveryStepPasses() throws Exception {
    Repo.requirePackaged("examples-interop");
    Path out = Files.createTempFile("tour", ".txt");
    Process tour = new ProcessBuilder("bash", "tour.sh").directory(Repo.ROOT.toFile())
        .redirectErrorStream(true).redirectOutput(out.toFile()).start();
    // About 40 s on a quiet 2-core machine; ten times that before calling it stuck.
    if (!tour.waitFor(400, TimeUnit.SECONDS)) {
      tour.descendants().forEach(ProcessHandle::destroyForcibly);
      tour.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      fail("tour.sh still running after 400 s:\n" + Files.readString(out));
    }
    String transcript = Files.readString(out);
    int steps = LearningOrderTest.lessons().size(); // one step per lesson
    System.out.println(transcript);
    assertEquals(0, tour.exitValue(), "tour.sh exit status; transcript:\n" + transcript);
    assertEquals(steps, transcript.split("\n== \\d+\\. ", -1).length - 1, "steps started");
    assertEquals(steps, count(transcript, "  read next: "), "steps that passed");
    assertEquals(steps - 1, count(transcript, "  -> listening on 127.0.0.1:"), "servers started"
        + " (examples-wire's transcript starts its own)");
    assertEquals(steps, count(transcript, "  client exit status: 0"), "clients that ended well");
    assertTrue(transcript.contains("every step passed"), transcript);
  }

  private static int count(String text, String what) {
    int n = 0;
    for (int i = text.indexOf(what); i >= 0; i = text.indexOf(what, i + 1)) {
      n++;
    }
    return n;
  }
}
