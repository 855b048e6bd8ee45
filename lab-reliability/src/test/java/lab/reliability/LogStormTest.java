package lab.reliability;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.ServerInterceptors;
import io.grpc.stub.StreamObserver;
import java.util.concurrent.TimeUnit;
import lab.common.LabServer;
import lab.proto.video.ListVideosRequest;
import lab.proto.video.Video;
import lab.proto.video.VideoServiceGrpc;
import lab.services.VideoService;
import lab.services.VideoStore;
import lab.testing.GrpcCleanupExtension;
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
  @RegisterExtension
  final GrpcCleanupExtension grpc = new GrpcCleanupExtension();

  @Test
  void tenThousandCallsWithOneMillisecondDeadlinesLogAtMostAFewLines() throws Exception {
    VideoStore store = new VideoStore();
    for (int i = 0; i < 200; i++) {
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
    try (LogProbe log = new LogProbe()) {
      StreamCollector<Video> last = null;
      for (int i = 0; i < 10_000; i++) {
        last = new StreamCollector<>();
        stub.withDeadlineAfter(1, TimeUnit.MILLISECONDS)
            .listVideos(ListVideosRequest.getDefaultInstance(), last);
      }
      last.awaitStatus(java.time.Duration.ofSeconds(60));
      System.out.println(probe.calls().size() + " of 10000 calls with 1 ms deadlines reached the"
          + " server; " + log.lines().size() + " log lines: " + log.lines().stream().limit(3).toList());
      assertTrue(probe.calls().size() > 100, "enough calls reached the server");
      assertTrue(probe.calls().stream().skip(1).allMatch(c -> awaitEnd(c)), "and all ended there");
      assertTrue(log.lines().size() < 20, log.lines().size() + " lines");
    }
  }

  private static boolean awaitEnd(ServerCallProbe.Call call) {
    try {
      return call.awaitEnd(java.time.Duration.ofSeconds(30));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
