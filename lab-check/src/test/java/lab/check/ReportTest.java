package lab.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReportTest {
  private static final List<Finding> FINDINGS = List.of(
      Finding.pass("basics", "reflection", "reflection lists 3 services", "a/Pass.java"),
      new Finding("basics", "health Check", Verdict.WARN, "UNIMPLEMENTED (12)", "serve health",
          "b/Warn.java"),
      new Finding("hostile", "rapid | reset", Verdict.FAIL, "no GOAWAY: \"all\" 20,000\n",
          "count resets \\ budget", "c/Fail.java"),
      Finding.skip("deadlines", "cancel", "nothing to cancel\u0001"));

  @Test
  void theTableHasARowPerFindingTheCountsAndAdviceOnlyForWhatDidNotPass() {
    String table = Report.table("127.0.0.1:1", FINDINGS);
    assertTrue(table.startsWith("lab-check of 127.0.0.1:1\nverdict group"), table);
    assertTrue(table.contains("1 passed, 1 warned, 1 failed, 1 skipped\n"), table);
    assertTrue(table.contains("WARN health Check: serve health (see b/Warn.java)"), table);
    assertTrue(table.contains("FAIL rapid | reset: count resets \\ budget (see c/Fail.java)"),
        table);
    assertFalse(table.contains("(see a/Pass.java)"), table);
    assertEquals(2 + FINDINGS.size() + 1 + 2, table.split("\n").length, table);
  }

  @Test
  void markdownEscapesTablePipesAndNewlinesAndNamesTheLabsFileForAdvice() {
    String md = Report.markdown("h:1", FINDINGS);
    assertTrue(md.startsWith("# lab-check of `h:1`\n\n1 passed, 1 warned, 1 failed, 1 skipped."),
        md);
    assertTrue(md.contains("| FAIL | hostile | rapid \\| reset | no GOAWAY: \"all\" 20,000  |"
        + " count resets \\ budget (the lab shows it: `c/Fail.java`) |\n"), md);
    assertTrue(md.contains("| PASS | basics | reflection | reflection lists 3 services |  |\n"),
        md);
  }

  @Test
  void jsonIsValidAndKeepsEveryCharacterOfEveryField() {
    JsonObject json = JsonParser.parseString(Report.json("h:1", FINDINGS)).getAsJsonObject();
    assertEquals("h:1", json.get("target").getAsString());
    JsonObject summary = json.getAsJsonObject("summary");
    assertEquals(List.of(1, 1, 1, 1), List.of(summary.get("pass").getAsInt(),
        summary.get("warn").getAsInt(), summary.get("fail").getAsInt(),
        summary.get("skip").getAsInt()));
    var findings = json.getAsJsonArray("findings");
    assertEquals(FINDINGS.size(), findings.size());
    for (int i = 0; i < FINDINGS.size(); i++) {
      JsonObject f = findings.get(i).getAsJsonObject();
      Finding expected = FINDINGS.get(i);
      assertEquals(List.of(expected.group(), expected.check(), expected.verdict().name(),
          expected.measured(), expected.advice(), expected.seeAlso()),
          List.of(f.get("group").getAsString(), f.get("check").getAsString(),
              f.get("verdict").getAsString(), f.get("measured").getAsString(),
              f.get("advice").getAsString(), f.get("seeAlso").getAsString()));
    }
  }

  @Test
  void jsonEscapesOnlyWhatItMustPlainTextStaysPlain() {
    String json = Report.json("h:1", FINDINGS);
    assertTrue(json.contains("\"measured\": \"reflection lists 3 services\""), json);
    assertTrue(json.contains("\"measured\": \"nothing to cancel\\u0001\""), json);
    assertTrue(json.contains("no GOAWAY: \\\"all\\\" 20,000\\n"), json);
  }

  @Test
  void aPassHasNoAdviceAndASkipNoFileToSee() {
    assertEquals(new Finding("g", "c", Verdict.PASS, "m", "", "s"), Finding.pass("g", "c", "m",
        "s"));
    assertEquals(new Finding("g", "c", Verdict.SKIP, "why", "", ""), Finding.skip("g", "c",
        "why"));
  }

  @Test
  void aStatusCodeIsNamedWithItsNumberAndAnUnknownOneByNumberAlone() {
    assertEquals("OK (0)", Codes.name(0));
    assertEquals("UNAUTHENTICATED (16)", Codes.name(16));
    assertEquals("code 17", Codes.name(17));
    assertEquals("code -1", Codes.name(-1));
    assertEquals("DEADLINE_EXCEEDED (4)", Codes.name(io.grpc.Status.Code.DEADLINE_EXCEEDED));
  }

  @Test
  void aLongTextIsShortenedToItsLimitWithAnEllipsisAndAShortOneKept() {
    assertEquals("abcd…", Report.shorten("abcdefgh", 5));
    assertEquals("abcde", Report.shorten("abcde", 5));
  }
}
