package lab.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The checks no gRPC library lets a server fail (it routes, checks the content-type and the
 * encoding, ends calls at their deadline, stops writing a reset stream), each seen to fail
 * against a hand-made server that breaks those rules (RuleBreakingServer).
 */
class RuleBreakingServerFailsTest {
  private static final String VIDEO = "/video_service.VideoService/";

  @Test
  void aServerThatBreaksTheProtocolsRulesFailsTheChecksALibraryWouldPass() throws Exception {
    Check.Result result;
    try (RuleBreakingServer server = new RuleBreakingServer()) {
      result = Checks.run("--target", "127.0.0.1:" + server.port(),
          "--only", "basics,deadlines,hostile", "--hostile", "--patience", "2",
          "--methods", VIDEO + "ListVideos:server-streaming," + VIDEO + "GetVideo:bidi");
    }
    Checks.assertVerdicts(Checks.verdicts(
        "reflection", Verdict.WARN,
        "unknown service", Verdict.FAIL,
        "unknown method", Verdict.FAIL,
        "HTTP/1.1 refused", Verdict.FAIL,
        "wrong content-type", Verdict.FAIL,
        "max concurrent streams", Verdict.WARN,
        "max header list size", Verdict.WARN,
        "unknown encoding", Verdict.FAIL,
        "grpc-timeout 200m ends a held call", Verdict.FAIL,
        "a cancelled stream is no longer written", Verdict.FAIL,
        "rapid reset", Verdict.FAIL,
        "SETTINGS flood", Verdict.FAIL,
        "CONTINUATION flood", Verdict.FAIL,
        "connected, silent", Verdict.WARN,
        "preface only", Verdict.WARN,
        "writer that never reads → " + VIDEO + "GetVideo", Verdict.FAIL), result);
    assertEquals(1, result.exitCode());
    assertTrue(result.find("HTTP/1.1 refused").measured().contains("HTTP/1.1 200 OK"));
    assertTrue(result.find("grpc-timeout 200m ends a held call").measured()
        .contains("still open after"));
    assertTrue(result.find("CONTINUATION flood").measured().startsWith("no GOAWAY: all 2,048"));
  }

  @Test
  void aServerThatTakesBadBytesAsARequestFailsTheBadInputChecks() throws Exception {
    Check.Result result;
    try (RuleBreakingServer server = new RuleBreakingServer()) {
      result = Checks.run("--target", "127.0.0.1:" + server.port(), "--only", "bad-input",
          "--methods", VIDEO + "AddVideo");
    }
    Checks.assertVerdicts(Checks.verdicts(
        "not protobuf → " + VIDEO + "AddVideo", Verdict.FAIL,
        "truncated message → " + VIDEO + "AddVideo", Verdict.WARN,
        "prefix claims 2 GiB → " + VIDEO + "AddVideo", Verdict.FAIL,
        "gzip bomb (16 MiB inflated) → " + VIDEO + "AddVideo", Verdict.FAIL,
        "64 KiB of request headers", Verdict.WARN), result);
    assertEquals("OK (0)", result.find("not protobuf → " + VIDEO + "AddVideo").measured());
  }
}
