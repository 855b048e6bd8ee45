package lab.benchmarks.peers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.Server;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import lab.benchmarks.peers.VideoLoad.Figure;
import lab.common.LabServer;
import lab.testing.PeerProcess;
import lab.testing.Required;
import org.junit.jupiter.api.Test;

/**
 * Quick mode for the peers: the load main runs briefly against each server of the video
 * contract and every call must succeed with the right answer. No timing is asserted: the
 * figures come from benchmarks/peers/run.sh on a quiet machine.
 */
class VideoLoadQuickTest {
  private static final VideoLoad.Settings QUICK = new VideoLoad.Settings(0.3, 0.1, 100);
  private static final Path PEERS = Path.of("peers").toAbsolutePath(); // tests run in benchmarks/

  @Test
  void theLoadRunsCleanlyAgainstTheLabsVideoServer() throws Exception {
    LabServer lab = LabVideoServer.start(0);
    try {
      assertEveryCallSucceeded(VideoLoad.run("127.0.0.1:" + lab.port(), "lab", QUICK));
    } finally {
      lab.server().shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void theLoadRunsCleanlyAgainstTheNaiveJavaServer() throws Exception {
    Server naive = NaiveVideoServer.start(0);
    try {
      assertEveryCallSucceeded(VideoLoad.run("127.0.0.1:" + naive.getPort(), "naive", QUICK));
    } finally {
      NaiveVideoServer.stop(naive);
    }
  }

  @Test
  void theLoadRunsCleanlyAgainstThePythonPeer() throws Exception {
    try (PeerProcess python = PeerProcess.start("python-video-server", PEERS,
        Required.python(), "python/video_server.py", "--port=0")) {
      assertEveryCallSucceeded(VideoLoad.run("127.0.0.1:" + python.port(), "python", QUICK));
    }
  }

  @Test
  void theLoadRunsCleanlyAgainstTheNodePeer() throws Exception {
    String node = Required.node(PEERS.resolve("node"), "npm ci --prefix benchmarks/peers/node");
    try (PeerProcess server = PeerProcess.start("node-video-server", PEERS,
        node, "node/server.js", "--port=0")) {
      assertEveryCallSucceeded(VideoLoad.run("127.0.0.1:" + server.port(), "node", QUICK));
    }
  }

  /** Every figure present, no call failed or answered wrongly, and the counts add up. */
  private static void assertEveryCallSucceeded(List<Figure> figures) {
    Map<String, Figure> byName = new TreeMap<>();
    figures.forEach(f -> byName.put(f.figure(), f));
    assertEquals(Set.copyOf(VideoLoad.FIGURES), byName.keySet());
    for (Figure f : figures) {
      assertEquals(0, f.failed(), f + " had failed or wrong calls");
      assertTrue(f.count() > 0 && f.value() > 0, f + " measured nothing");
    }
    // Every ListVideos stream brought back the whole store (a short one counts as failed).
    assertEquals(0, byName.get("list").count() % QUICK.storeSize(), "whole streams only");
  }
}
