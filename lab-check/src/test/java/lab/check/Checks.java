package lab.check;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import lab.common.Flags;

/** Runs the checker as its main would, printing to the test's output, for the tests. */
final class Checks {
  /** The video contract's methods, for servers without reflection. */
  static final String VIDEO_METHODS = "/video_service.VideoService/ListVideos:server-streaming,"
      + "/video_service.VideoService/AddVideo,/video_service.VideoService/GetVideos:bidi,"
      + "/video_service.VideoService/GetVideo:bidi";

  private Checks() {}

  static Check.Result run(String... args) throws Exception {
    return Check.run(Flags.parse(Check.USAGE, args), System.out);
  }

  /** Check names and verdicts (or measurements), alternating, in order: one run's pins. */
  @SuppressWarnings("unchecked")
  static <T> Map<String, T> verdicts(Object... checksAndValues) {
    Map<String, T> pins = new LinkedHashMap<>();
    for (int i = 0; i < checksAndValues.length; i += 2) {
      pins.put((String) checksAndValues[i], (T) checksAndValues[i + 1]);
    }
    return pins;
  }

  /** What each check of the run measured, by check. */
  static Map<String, String> measured(Check.Result result) {
    Map<String, String> measured = new LinkedHashMap<>();
    result.findings().stream().filter(f -> !f.check().equals("health Watch"))
        .forEach(f -> measured.put(f.check(), f.measured()));
    return measured;
  }

  /** Each named check's verdict, in the order of {@code expected}, for one readable diff. */
  static void assertVerdicts(Map<String, Verdict> expected, Check.Result result) {
    Map<String, Verdict> actual = new LinkedHashMap<>();
    expected.keySet().forEach(check -> actual.put(check, result.find(check).verdict()));
    assertEquals(expected, actual, () -> "measured:\n" + String.join("\n",
        expected.keySet().stream().map(c -> c + ": " + result.find(c).measured()).toList()));
  }

  /** Every file a finding points to is in the repository (tests run in lab-check/). */
  static List<String> missingLinks(Check.Result result) {
    return result.findings().stream().map(Finding::seeAlso).filter(s -> !s.isEmpty())
        .distinct().filter(s -> !Files.exists(Path.of("..").resolve(s))).toList();
  }
}
