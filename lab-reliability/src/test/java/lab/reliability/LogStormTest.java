package lab.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.ServerInterceptors;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import lab.common.LabServer;
import lab.proto.video.ListVideosRequest;
import lab.proto.video.Video;
import lab.proto.video.VideoServiceGrpc;
import lab.services.VideoService;
import lab.services.VideoStore;
import lab.testing.GrpcCleanupExtension;
import lab.testing.LogCapture;
import lab.testing.ServerCallProbe;
import lab.testing.StreamCollector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A flood of calls that their clients abandon at once must not flood the server's log: a
 * producer that stops on cancel writes nothing after it, so grpc-java has nothing to complain
 * about (a naive one wrote 90,919 "Stream closed before write could take place" lines here).
 */
class LogStormTest {
  private static final Duration WAIT = Duration.ofSeconds(60);
  /**
   * Calls that must reach the server for the flood to prove anything. A 1 ms deadline often
   * passes before a call's headers leave the client: 2,100 to 7,600 of 10,000 reached the
   * server on a quiet machine, 464 on a busy one, so rounds of 10,000 go out until this many do.
   */
  private static final int MIN_REACHED = 100;

  @RegisterExtension
  final GrpcCleanupExtension grpc = new GrpcCleanupExtension();

  @Test
  void roundsOfTenThousandCallsWithOneMillisecondDeadlinesLogAtMostAFewLines() throws Exception {
    VideoStore store = new VideoStore();
    // 8 MiB, more than a stream's flow-control window: no call can end on its own in 1 ms.
    for (int i = 0; i < 2_000; i++) {
      store.add(Video.newBuilder().setId("v" + i).setTitle("t").setUrl("u".repeat(4096)).build());
    }
    ServerCallProbe probe = new ServerCallProbe();
    LabServer server = LabServer.onPort(0)
        .addService(ServerInterceptors.intercept(new VideoService(store), probe)).start();
    grpc.register(server.server());
    ManagedChannel channel = grpc.register(
        ManagedChannelBuilder.forAddress("127.0.0.1", server.port()).usePlaintext().build());
    var stub = VideoServiceGrpc.newStub(channel);
    VideoServiceGrpc.newBlockingStub(channel).addVideo(Video.newBuilder().setId("warm-up")
        .setTitle("t").build()); // connected first: a 1 ms deadline leaves no time to connect
    assertEquals("AddVideo", probe.nextCall(WAIT).method);
    // What grpc-java and the lab log (INFO and above) during the flood.
    try (LogCapture log = LogCapture.attach(Level.INFO, "io.grpc", "lab")) {
      int calls = 0;
      while (probe.calls().size() - 1 < MIN_REACHED && calls < 5 * 10_000) {
        StreamCollector<Video> last = null;
        for (int i = 0; i < 10_000; i++, calls++) {
          last = new StreamCollector<>();
          stub.withDeadlineAfter(1, TimeUnit.MILLISECONDS)
              .listVideos(ListVideosRequest.getDefaultInstance(), last);
        }
        last.awaitStatus(WAIT);
      }
      List<ServerCallProbe.Call> all = probe.calls(); // one copy: more may still arrive
      List<ServerCallProbe.Call> reached = all.subList(1, all.size());
      for (ServerCallProbe.Call call : reached) {
        assertTrue(call.awaitCancelled(WAIT), "every call that reached the server was cancelled"
            + " there by its deadline");
        assertEquals(0, call.sentAfterCancel(), "and wrote nothing after that");
      }
      System.out.println(reached.size() + " of " + calls + " calls with 1 ms deadlines reached"
          + " the server; " + log.lines().size() + " log lines: "
          + log.lines().stream().limit(3).map(LogCapture.Line::text).toList());
      assertTrue(reached.size() >= MIN_REACHED, "enough calls reached the server");
      assertTrue(log.lines().size() < 20, log.lines().size() + " lines");
    }
  }
}
