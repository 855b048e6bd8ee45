package lab.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A grpc-java server with its defaults and a newcomer's handlers (CarelessServer) fails the
 * checks the lab's fixes pass: each verdict pinned, with the measurement that earned it.
 */
class CarelessServerFailsTest {
  private static final String VIDEO = "/video_service.VideoService/";

  @Test
  void aServerOnGrpcJavasDefaultsWithCarelessHandlersFailsWhereTheLabsFixesPass()
      throws Exception {
    Check.Result result;
    try (CarelessServer server = new CarelessServer()) {
      result = Checks.run("--target", "127.0.0.1:" + server.port(), "--hostile",
          "--patience", "2");
    }
    Map<String, Verdict> expected = Checks.verdicts(
        "reflection", Verdict.PASS,
        "health Check", Verdict.WARN,
        "health Watch", Verdict.WARN,
        "unknown method", Verdict.PASS,
        "max concurrent streams", Verdict.WARN,
        "not protobuf → " + VIDEO + "AddVideo", Verdict.FAIL,
        "truncated message → " + VIDEO + "AddVideo", Verdict.PASS,
        "prefix claims 2 GiB → " + VIDEO + "AddVideo", Verdict.FAIL,
        "gzip bomb (16 MiB inflated) → " + VIDEO + "AddVideo", Verdict.FAIL,
        "64 KiB of request headers", Verdict.WARN,
        "grpc-timeout 200m ends a held call", Verdict.PASS,
        "rapid reset", Verdict.FAIL,
        "SETTINGS flood", Verdict.FAIL,
        "CONTINUATION flood", Verdict.PASS,
        "connected, silent", Verdict.WARN,
        "preface only", Verdict.WARN,
        "zero-window reader → " + VIDEO + "ListVideos", Verdict.FAIL,
        "writer that never reads → " + VIDEO + "GetVideos", Verdict.FAIL,
        "writer that never reads → " + VIDEO + "GetVideo", Verdict.FAIL);
    Checks.assertVerdicts(expected, result);
    assertEquals(1, result.exitCode());
    assertEquals("UNKNOWN (2) \"Application error processing RPC\"",
        result.find("not protobuf → " + VIDEO + "AddVideo").measured());
    assertEquals("OK (0)", result.find("gzip bomb (16 MiB inflated) → " + VIDEO + "AddVideo")
        .measured());
    assertTrue(result.find("rapid reset").measured().startsWith("no GOAWAY: all 20,000"));
    assertTrue(result.find("zero-window reader → " + VIDEO + "ListVideos").measured()
        .contains("calls served"));
    assertEquals(java.util.List.of(), Checks.missingLinks(result));
  }
}
