package lab.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Server;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import lab.benchmarks.peers.NaiveVideoServer;
import lab.proto.video.Video;
import lab.proto.video.VideoServiceGrpc;
import lab.testing.PeerProcess;
import lab.testing.Required;
import org.junit.jupiter.api.Test;

/**
 * The video contract as others serve it (benchmarks' peers: grpc-java as a newcomer writes it,
 * grpc-js, Debian's grpcio), checked, with every verdict pinned: where they differ from the
 * lab, and from each other, is written here, so a change in a peer's release shows up.
 */
class PeersTest {
  private static final Path PEERS = Path.of("../benchmarks/peers").toAbsolutePath();
  private static final String VIDEO = "/video_service.VideoService/";

  @Test
  void theNaiveGrpcJavaServerLeavesParseFailuresUnknownAndFloodsUnbounded() throws Exception {
    Server naive = NaiveVideoServer.start(0);
    try {
      Check.Result result = check(naive.getPort());
      Checks.assertVerdicts(common(
          "max header list size", Verdict.PASS,
          "wrong content-type", Verdict.PASS,
          "unknown encoding", Verdict.PASS,
          "not protobuf → " + VIDEO + "AddVideo", Verdict.FAIL,
          "truncated message → " + VIDEO + "GetVideo", Verdict.PASS,
          "prefix claims 2 GiB → " + VIDEO + "AddVideo", Verdict.PASS,
          "gzip bomb (16 MiB inflated) → " + VIDEO + "AddVideo", Verdict.FAIL,
          "64 KiB of request headers", Verdict.PASS,
          "rapid reset", Verdict.FAIL,
          "SETTINGS flood", Verdict.FAIL,
          "CONTINUATION flood", Verdict.PASS), result);
      assertEquals("UNKNOWN (2) \"Application error processing RPC\"",
          result.find("not protobuf → " + VIDEO + "AddVideo").measured());
    } finally {
      NaiveVideoServer.stop(naive);
    }
  }

  @Test
  void grpcJsRefusesBadInputRightButAnswersEverySettingsFrame() throws Exception {
    String node = Required.node(PEERS.resolve("node"), "npm ci --prefix benchmarks/peers/node");
    try (PeerProcess server = PeerProcess.start("node-video-server", PEERS,
        node, "node/server.js", "--port=0")) {
      Check.Result result = check(server.port());
      Checks.assertVerdicts(common(
          "max header list size", Verdict.WARN,
          "wrong content-type", Verdict.PASS,
          "unknown encoding", Verdict.PASS,
          "not protobuf → " + VIDEO + "AddVideo", Verdict.PASS,
          "truncated message → " + VIDEO + "GetVideo", Verdict.WARN,
          "prefix claims 2 GiB → " + VIDEO + "AddVideo", Verdict.PASS,
          "gzip bomb (16 MiB inflated) → " + VIDEO + "AddVideo", Verdict.PASS,
          "64 KiB of request headers", Verdict.WARN,
          "rapid reset", Verdict.PASS,
          "SETTINGS flood", Verdict.FAIL,
          "CONTINUATION flood", Verdict.PASS), result);
    }
  }

  @Test
  void grpcioTakesAnyContentTypeAndNeverRefusesAnOversizedPrefix() throws Exception {
    try (PeerProcess python = PeerProcess.start("python-video-server", PEERS,
        Required.python(), "python/video_server.py", "--port=0")) {
      Check.Result result = check(python.port());
      Checks.assertVerdicts(common(
          "max header list size", Verdict.PASS,
          "wrong content-type", Verdict.FAIL,
          "unknown encoding", Verdict.FAIL,
          "not protobuf → " + VIDEO + "AddVideo", Verdict.PASS,
          "truncated message → " + VIDEO + "GetVideo", Verdict.WARN,
          "gzip bomb (16 MiB inflated) → " + VIDEO + "AddVideo", Verdict.PASS,
          "rapid reset", Verdict.FAIL,
          "SETTINGS flood", Verdict.FAIL,
          "CONTINUATION flood", Verdict.PASS), result);
      // Never RESOURCE_EXHAUSTED: seen both waiting for the rest and closing the connection.
      assertNotEquals(Verdict.PASS,
          result.find("prefix claims 2 GiB → " + VIDEO + "AddVideo").verdict());
      // Seen three ways, run to run: taken (OK), the headers dropped (UNKNOWN "Missing :method
      // header"), the connection closed. Never the server lost.
      assertNotEquals(Verdict.FAIL, result.find("64 KiB of request headers").verdict());
    }
  }

  /** Seeds the store (so ListVideos has something to hold back), then runs every check. */
  private static Check.Result check(int port) throws Exception {
    ManagedChannel channel = ManagedChannelBuilder.forAddress("127.0.0.1", port).usePlaintext()
        .build();
    try {
      var stub = VideoServiceGrpc.newBlockingStub(channel);
      for (int i = 0; i < 2_000; i++) {
        stub.withDeadlineAfter(10, TimeUnit.SECONDS).addVideo(Video.newBuilder()
            .setId("v" + i).setTitle("t".repeat(1_000)).build());
      }
    } finally {
      channel.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
    }
    return Checks.run("--target", "127.0.0.1:" + port, "--hostile", "--patience", "2",
        "--methods", Checks.VIDEO_METHODS);
  }

  /** What every peer shares (none has reflection or health), then the peer's own pins. */
  private static Map<String, Verdict> common(Object... own) {
    Map<String, Verdict> pins = Checks.verdicts(
        "reflection", Verdict.WARN,
        "health Check", Verdict.WARN,
        "health Watch", Verdict.WARN,
        "unknown service", Verdict.PASS,
        "unknown method", Verdict.PASS,
        "HTTP/1.1 refused", Verdict.PASS,
        "max concurrent streams", Verdict.WARN,
        "grpc-timeout 200m ends a held call", Verdict.PASS,
        "connected, silent", Verdict.WARN,
        "preface only", Verdict.WARN,
        "writer that never reads → " + VIDEO + "GetVideos", Verdict.FAIL,
        "writer that never reads → " + VIDEO + "GetVideo", Verdict.PASS,
        "zero-window reader → " + VIDEO + "ListVideos", Verdict.PASS);
    pins.putAll(Checks.verdicts(own));
    return pins;
  }
}
