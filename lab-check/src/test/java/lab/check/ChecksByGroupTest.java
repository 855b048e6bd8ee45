package lab.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import lab.common.LabServer;
import lab.proto.video.Video;
import lab.services.VideoLab;
import lab.services.VideoStore;
import lab.testing.GrpcCleanupExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Each group on its own, against the lab's server and a broken one, with what each check
 * measured: the quick proofs (the whole runs are the other tests).
 */
class ChecksByGroupTest {
  private static final String ADD = "/video_service.VideoService/AddVideo";
  @RegisterExtension
  final GrpcCleanupExtension grpc = new GrpcCleanupExtension();

  private String lab() throws Exception {
    VideoStore store = new VideoStore();
    for (int i = 0; i < 2_000; i++) {
      store.add(Video.newBuilder().setId("v" + i).setTitle("t".repeat(1_000)).build());
    }
    LabServer server = VideoLab.start(0, store);
    grpc.register(server.server());
    return "127.0.0.1:" + server.port();
  }

  @Test
  void theLabsBasicsPassEachWithWhatItMeasured() throws Exception {
    Check.Result r = Checks.run("--target", lab(), "--only", "basics");
    assertEquals(Checks.verdicts("reflection", "reflection lists 3 services",
        "health Check", "SERVING",
        "unknown service", "/lab.check.NoSuchService/Nothing: UNIMPLEMENTED (12)",
        "unknown method", "/grpc.health.v1.Health/NoSuchMethod: UNIMPLEMENTED (12)",
        "HTTP/1.1 refused", "closed without an HTTP/1.1 answer",
        "wrong content-type",
        "HTTP 415, INTERNAL (13) \"Content-Type 'text/plain' is not supported\"",
        "max concurrent streams", "100",
        "initial stream window", "262,144",
        "max header list size", "8,192",
        "gzip request accepted", "health Check answered",
        "unknown encoding", "UNIMPLEMENTED (12) \"Can't find decompressor for x-lab-unknown\""),
        Checks.measured(r));
    assertTrue(r.find("health Watch").measured().matches("SERVING after \\d+ ms, stream open"));
    assertEquals(12, r.findings().stream().filter(f -> f.verdict() == Verdict.PASS).count());
    assertEquals(0, r.exitCode());
  }

  @Test
  void aRuleBreakingServersBasicsFailWithWhatItAnswered() throws Exception {
    Check.Result r;
    try (RuleBreakingServer server = new RuleBreakingServer()) {
      r = Checks.run("--target", "127.0.0.1:" + server.port(), "--only", "basics",
          "--methods", ADD);
    }
    assertEquals(Checks.verdicts("reflection", "methods named with --methods",
        "health Check", "INTERNAL (13)",
        "unknown service", "/lab.check.NoSuchService/Nothing: INTERNAL (13)",
        "unknown method", "/video_service.VideoService/NoSuchMethod: INTERNAL (13)",
        "HTTP/1.1 refused", "answered \"HTTP/1.1 200 OK\"",
        "wrong content-type", "/grpc.health.v1.Health/Check: HTTP 200, OK (0)",
        "max concurrent streams", "not advertised (unlimited)",
        "initial stream window", "65,535 (not advertised: the RFC's default)",
        "max header list size", "not advertised (unlimited)",
        "gzip request accepted", "INTERNAL (13)",
        "unknown encoding", "/grpc.health.v1.Health/Check: OK (0)"), Checks.measured(r));
    assertEquals(1, r.exitCode());
  }

  @Test
  void theLabAnswersEachBadInputWithTheTablesCode() throws Exception {
    Check.Result r = Checks.run("--target", lab(), "--only", "bad-input", "--methods", ADD);
    assertEquals(Checks.verdicts(
        "not protobuf → " + ADD, "INTERNAL (13) \"Invalid protobuf byte sequence\"",
        "truncated message → " + ADD, "INTERNAL (13) \"Encountered end-of-stream mid-frame\"",
        "prefix claims 2 GiB → " + ADD,
        "RESOURCE_EXHAUSTED (8) \"gRPC message exceeds maximum size 4194304: 2147483647\"",
        "gzip bomb (16 MiB inflated) → " + ADD,
        "RESOURCE_EXHAUSTED (8) \"Decompressed gRPC message exceeds maximum size 4194304\"",
        "64 KiB of request headers", "refused: connection closed"), Checks.measured(r));
    assertEquals(0, r.exitCode());
  }

  @Test
  void aCarelessServerAnswersBadInputUnknownOkOrNotAtAll() throws Exception {
    Check.Result r;
    try (CarelessServer server = new CarelessServer()) {
      r = Checks.run("--target", "127.0.0.1:" + server.port(), "--only", "bad-input",
          "--methods", ADD);
    }
    Checks.assertVerdicts(Checks.verdicts(
        "not protobuf → " + ADD, Verdict.FAIL,
        "truncated message → " + ADD, Verdict.PASS,
        "prefix claims 2 GiB → " + ADD, Verdict.FAIL,
        "gzip bomb (16 MiB inflated) → " + ADD, Verdict.FAIL,
        "64 KiB of request headers", Verdict.WARN), r);
    assertEquals("no answer within 5 s", r.find("prefix claims 2 GiB → " + ADD).measured());
    assertEquals("accepted: OK (0)", r.find("64 KiB of request headers").measured());
  }

  @Test
  void theLabEndsAHeldCallAtItsDeadlineAndWritesNothingAfterACancel() throws Exception {
    Check.Result r = Checks.run("--target", lab(), "--only", "deadlines");
    assertTrue(r.find("grpc-timeout 200m ends a held call").measured()
        .matches("/grpc.health.v1.Health/Watch: RST_STREAM 8 after \\d+ ms"));
    assertTrue(r.find("a cancelled stream is no longer written").measured().matches(
        "/grpc.health.v1.Health/Watch: no DATA after the reset was handled \\(7 bytes before\\)"));
    assertEquals(0, r.exitCode());
  }

  @Test
  void aServerIgnoringDeadlinesAndResetsFailsBoth() throws Exception {
    Check.Result r;
    try (RuleBreakingServer server = new RuleBreakingServer()) {
      r = Checks.run("--target", "127.0.0.1:" + server.port(), "--only", "deadlines",
          "--methods", "/video_service.VideoService/ListVideos:server-streaming");
    }
    Checks.assertVerdicts(Checks.verdicts("grpc-timeout 200m ends a held call", Verdict.FAIL,
        "a cancelled stream is no longer written", Verdict.FAIL), r);
    assertTrue(r.find("grpc-timeout 200m ends a held call").measured()
        .matches("/grpc.health.v1.Health/Watch: still open after \\d+ ms"));
  }

  @Test
  void theLabStopsEachFloodAndHoldsStalledStreamsWhileServingAGoodClient() throws Exception {
    Check.Result r = Checks.run("--target", lab(), "--only", "hostile", "--hostile",
        "--patience", "1");
    Checks.assertVerdicts(Checks.verdicts("rapid reset", Verdict.PASS,
        "SETTINGS flood", Verdict.PASS,
        "CONTINUATION flood", Verdict.PASS,
        "connected, silent", Verdict.WARN, // the lab waits 10 s, the patience is 1
        "preface only", Verdict.WARN,
        "writer that never reads → /video_service.VideoService/GetVideos", Verdict.PASS,
        "writer that never reads → /video_service.VideoService/GetVideo", Verdict.PASS,
        "zero-window reader → /grpc.health.v1.Health/Watch", Verdict.PASS,
        "zero-window reader → /video_service.VideoService/ListVideos", Verdict.PASS), r);
    assertTrue(r.find("rapid reset").measured().matches("GOAWAY ENHANCE_YOUR_CALM after "
        + "(900–1,000|1,000–1,100) streams \\(\\d+ ms\\); a good client: (\\d+) of \\2 calls"
        + " served, slowest \\d+ ms"), r.find("rapid reset").measured());
    assertTrue(r.find("SETTINGS flood").measured()
        .startsWith("GOAWAY ENHANCE_YOUR_CALM after 99 acknowledged"));
    assertTrue(r.find("connected, silent").measured().matches("still open after \\d+ ms"));
    assertTrue(r.find("writer that never reads → /video_service.VideoService/GetVideo")
        .measured().matches("ended the call after \\d+ KiB: INVALID_ARGUMENT \\(3\\) \"id must"
            + " not be empty\""));
  }
}
