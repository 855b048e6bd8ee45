package lab.contracts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import lab.testing.Buf;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `buf breaking` against the committed version 1 as the baseline: each change of the lesson is
 * applied alone to version 1, and buf is asked under its three strictness levels. WIRE guards
 * binary callers, WIRE_JSON adds JSON callers, FILE adds the generated code's source
 * compatibility (buf's default). The expected rules are README.md's compatibility table.
 */
class BufBreakingTest {
  private static final Path V1 = Path.of("src/main/proto-v1/catalog.proto");
  private static final Pattern RULE = Pattern.compile("\"type\":\"([A-Z_]+)\"");

  /** A change: one text replacement in version 1, and the rules each level cites. */
  record Change(String name, String from, String to, Set<String> wire, Set<String> wireJson,
      Set<String> file) {}

  static final List<Change> CHANGES = List.of(
      new Change("field added",
          "  string uploader = 7;\n", "  string uploader = 7;\n  string description = 8;\n",
          Set.of(), Set.of(), Set.of()),
      new Change("field removed, number and name reserved",
          "  int32 length_seconds = 3;\n", "  reserved 3;\n  reserved \"length_seconds\";\n",
          Set.of(), Set.of(), Set.of("FIELD_NO_DELETE")),
      new Change("field removed, nothing reserved",
          "  int32 length_seconds = 3;\n", "",
          Set.of("FIELD_NO_DELETE_UNLESS_NUMBER_RESERVED"),
          Set.of("FIELD_NO_DELETE_UNLESS_NUMBER_RESERVED", "FIELD_NO_DELETE_UNLESS_NAME_RESERVED"),
          Set.of("FIELD_NO_DELETE")),
      new Change("number reused for another type",
          "  int32 length_seconds = 3;\n", "  sint32 likes = 3;\n",
          Set.of("FIELD_WIRE_COMPATIBLE_TYPE"),
          Set.of("FIELD_WIRE_JSON_COMPATIBLE_TYPE", "FIELD_SAME_NAME", "FIELD_SAME_JSON_NAME"),
          Set.of("FIELD_SAME_TYPE", "FIELD_SAME_NAME", "FIELD_SAME_JSON_NAME")),
      new Change("field renamed",
          "  string uploader = 7;\n", "  string channel = 7;\n",
          Set.of(), Set.of("FIELD_SAME_NAME", "FIELD_SAME_JSON_NAME"),
          Set.of("FIELD_SAME_NAME", "FIELD_SAME_JSON_NAME")),
      new Change("enum value added",
          "  FORMAT_HD = 2;\n", "  FORMAT_HD = 2;\n  FORMAT_UHD = 3;\n",
          Set.of(), Set.of(), Set.of()),
      new Change("implicit presence made optional",
          "  int32 rating = 6;\n", "  optional int32 rating = 6;\n",
          Set.of(), Set.of(), Set.of("FIELD_SAME_CARDINALITY")),
      new Change("int32 widened to int64",
          "  int32 views = 5;\n", "  int64 views = 5;\n",
          Set.of(), Set.of("FIELD_WIRE_JSON_COMPATIBLE_TYPE"), Set.of("FIELD_SAME_TYPE")),
      new Change("method added",
          "  rpc RetireVideo(", "  rpc CountVideos(ListVideosRequest) returns (Video);\n"
              + "  rpc RetireVideo(",
          Set.of(), Set.of(), Set.of()),
      new Change("method removed",
          "  rpc RetireVideo(RetireVideoRequest) returns (Video);\n", "",
          Set.of(), Set.of(), Set.of("RPC_NO_DELETE")),
      new Change("request type changed",
          "  rpc GetVideo(GetVideoRequest) returns (Video);\n",
          "  rpc GetVideo(RetireVideoRequest) returns (Video);\n",
          Set.of("RPC_SAME_REQUEST_TYPE"), Set.of("RPC_SAME_REQUEST_TYPE"),
          Set.of("RPC_SAME_REQUEST_TYPE")));

  @TempDir
  Path temp;

  @Test
  void eachChangeIsRefusedOrAcceptedByTheRulesOfEachLevel() throws Exception {
    Path buf = Buf.find();
    String v1 = Files.readString(V1);
    Path base = Files.createDirectories(temp.resolve("v1"));
    Files.writeString(base.resolve("catalog.proto"), v1);
    Map<String, String> wrong = new LinkedHashMap<>();
    for (Change change : CHANGES) {
      assertEquals(1, v1.split(Pattern.quote(change.from()), -1).length - 1,
          change.name() + ": its text must occur once in version 1");
      Path next = Files.createDirectories(temp.resolve(change.name().replace(' ', '_')
          .replace(",", "")));
      Files.writeString(next.resolve("catalog.proto"), v1.replace(change.from(), change.to()));
      check(wrong, change.name() + " / WIRE", change.wire(), rules(buf, next, base, "WIRE"));
      check(wrong, change.name() + " / WIRE_JSON", change.wireJson(),
          rules(buf, next, base, "WIRE_JSON"));
      check(wrong, change.name() + " / FILE", change.file(), rules(buf, next, base, "FILE"));
    }
    assertEquals(Map.of(), wrong, "expected rules → rules buf cited");
  }

  @Test
  void version2IsWireCompatibleWithVersion1AndBreaksOnlyItsJsonAndGeneratedCode()
      throws Exception {
    Path buf = Buf.find();
    Path v1 = V1.getParent().toAbsolutePath();
    Path v2 = Path.of("src/main/proto-v2").toAbsolutePath();
    assertEquals(Set.of(), rules(buf, v2, v1, "WIRE"));
    assertEquals(Set.of("FIELD_WIRE_JSON_COMPATIBLE_TYPE", "FIELD_SAME_NAME",
        "FIELD_SAME_JSON_NAME"), rules(buf, v2, v1, "WIRE_JSON"));
    Path broken = Path.of("src/main/proto-broken").toAbsolutePath();
    Set<String> brokenRules = rules(buf, broken, v1, "WIRE");
    assertTrue(brokenRules.containsAll(Set.of("FIELD_WIRE_COMPATIBLE_TYPE",
        "RPC_SAME_REQUEST_TYPE")), "the broken contract: " + brokenRules);
  }

  private static void check(Map<String, String> wrong, String what, Set<String> expected,
      Set<String> actual) {
    if (!expected.equals(actual)) {
      wrong.put(what, new TreeSet<>(expected) + " → " + actual);
    }
  }

  /** The rule ids `buf breaking` cites for {@code next} against {@code base} at {@code level}. */
  static Set<String> rules(Path buf, Path next, Path base, String level) throws Exception {
    Path out = Files.createTempFile("buf-breaking", ".json");
    try {
      Process process = new ProcessBuilder(buf.toString(), "breaking", "--against",
          base.toString(), "--error-format", "json", "--config",
          "{\"version\":\"v2\",\"breaking\":{\"use\":[\"" + level + "\"]}}")
          .directory(next.toFile()).redirectErrorStream(true).redirectOutput(out.toFile())
          .start();
      if (!process.waitFor(120, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new AssertionError("buf breaking took over 120 s");
      }
      String output = Files.readString(out);
      // 0: nothing breaks; 100: breaking changes found; anything else: buf itself failed.
      assertTrue(process.exitValue() == 0 || process.exitValue() == 100, output);
      Set<String> rules = new TreeSet<>();
      Matcher m = RULE.matcher(output);
      while (m.find()) {
        rules.add(m.group(1));
      }
      assertEquals(process.exitValue() == 100, !rules.isEmpty(), output);
      return rules;
    } finally {
      Files.deleteIfExists(out);
    }
  }
}
