package lab.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import lab.common.LabServer;
import lab.proto.video.ListVideosRequest;
import lab.proto.video.Video;
import lab.proto.video.VideoServiceGrpc;
import lab.services.VideoService;
import lab.services.VideoStore;
import lab.testing.GrpcCleanupExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The video service under load over real connections: 64 ping-pong streams of 10,000 requests
 * each while 32 writers add videos. Every message is accounted for: each stream gets exactly
 * its 10,000 replies, each in the order asked; every add is listed exactly once.
 */
class LoadTest {
  private static final int STREAMS = 64;
  private static final int PER_STREAM = 10_000;
  private static final int WRITERS = 32;
  private static final int ADDS_PER_WRITER = 500;

  @RegisterExtension
  final GrpcCleanupExtension grpc = new GrpcCleanupExtension();

  @Test
  void sixtyFourStreamsOfTenThousandAndThirtyTwoWritersLoseNothingAndKeepOrder()
      throws Exception {
    VideoStore store = new VideoStore();
    String[] ids = new String[100];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = "seed-" + i;
      store.add(Video.newBuilder().setId(ids[i]).setTitle("seed").build());
    }
    LabServer server = LabServer.onPort(0).addService(new VideoService(store)).start();
    grpc.register(server.server());
    List<ManagedChannel> channels = new ArrayList<>();
    for (int c = 0; c < 4; c++) { // 16 streams share each connection
      channels.add(grpc.register(ManagedChannelBuilder.forAddress("127.0.0.1", server.port())
          .usePlaintext().build()));
    }
    long start = System.nanoTime();

    List<PingPongDriver> streams = new ArrayList<>();
    for (int s = 0; s < STREAMS; s++) {
      PingPongDriver driver = new PingPongDriver(rotate(ids, s), PER_STREAM);
      VideoServiceGrpc.newStub(channels.get(s % 4)).getVideo(driver);
      streams.add(driver);
    }
    ExecutorService writers = Executors.newFixedThreadPool(WRITERS);
    List<CompletableFuture<Void>> adds = new ArrayList<>();
    try {
      for (int w = 0; w < WRITERS; w++) {
        var stub = VideoServiceGrpc.newBlockingStub(channels.get(w % 4));
        int writer = w;
        adds.add(CompletableFuture.runAsync(() -> {
          for (int i = 0; i < ADDS_PER_WRITER; i++) {
            stub.addVideo(Video.newBuilder().setId("w" + writer + "-" + i).setTitle("t").build());
          }
        }, writers));
      }
      CompletableFuture.allOf(adds.toArray(CompletableFuture[]::new)).get(5, TimeUnit.MINUTES);
    } finally {
      writers.shutdownNow();
      writers.awaitTermination(10, TimeUnit.SECONDS);
    }
    long messages = 0;
    for (PingPongDriver stream : streams) {
      assertEquals(PER_STREAM, stream.done().get(5, TimeUnit.MINUTES), "every reply, in order");
      messages += PER_STREAM;
    }

    List<String> listed = new ArrayList<>();
    VideoServiceGrpc.newBlockingStub(channels.get(0)).listVideos(
        ListVideosRequest.getDefaultInstance()).forEachRemaining(v -> listed.add(v.getId()));
    assertEquals(ids.length + WRITERS * ADDS_PER_WRITER, listed.size(), "every add listed");
    assertEquals(listed.size(), new HashSet<>(listed).size(), "none listed twice");
    System.out.printf("load: %d ping-pong replies on %d streams and %d adds by %d writers in"
        + " %.1f s, 0 lost, 0 out of order, 0 duplicated%n", messages, STREAMS,
        WRITERS * ADDS_PER_WRITER, WRITERS, (System.nanoTime() - start) / 1e9);
  }

  /** Each stream asks for the ids in its own order, so replies cannot match by accident. */
  private static String[] rotate(String[] ids, int by) {
    String[] rotated = new String[ids.length];
    for (int i = 0; i < ids.length; i++) {
      rotated[i] = ids[(i + by) % ids.length];
    }
    return rotated;
  }
}
