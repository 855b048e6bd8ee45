package lab.reliability;

import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.StatusRuntimeException;
import java.io.IOException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import lab.common.LabServer;
import lab.proto.video.ListVideosRequest;
import lab.proto.video.Video;
import lab.proto.video.VideoServiceGrpc;
import lab.proto.video.VideoServiceGrpc.VideoServiceBlockingStub;
import lab.services.VideoService;
import lab.services.VideoStore;
import lab.testing.GrpcCleanupExtension;

/**
 * A well-behaved client on its own connection that keeps calling ListVideos while an attack
 * runs: what it sees (calls served, failures, the slowest call) is what an attack costs the
 * server's other users.
 */
final class GoodClient {
  /** Generous on a loaded 2-core machine; the slowest call is reported, not just bounded. */
  static final long DEADLINE_SECONDS = 10;

  record Served(int calls, int failed, long slowestMs) {}

  private final LabServer server;
  private final VideoServiceBlockingStub stub;
  private final AtomicBoolean running = new AtomicBoolean();
  private final ExecutorService thread = Executors.newSingleThreadExecutor();
  private Future<Served> result;

  private GoodClient(LabServer server, VideoServiceBlockingStub stub) {
    this.server = server;
    this.stub = stub;
  }

  /** A lab server with the video service and one video, and a good client of its own. */
  static GoodClient withVideoServer(GrpcCleanupExtension grpc) throws IOException {
    VideoStore store = new VideoStore();
    store.add(Video.newBuilder().setId("1").setTitle("a video").build());
    LabServer server = LabServer.onPort(0).addService(new VideoService(store)).start();
    grpc.register(server.server());
    ManagedChannel channel = grpc.register(ManagedChannelBuilder
        .forAddress("127.0.0.1", server.port()).usePlaintext().build());
    return new GoodClient(server, VideoServiceGrpc.newBlockingStub(channel));
  }

  /** The server the attack is aimed at. */
  LabServer server() {
    return server;
  }

  /** One call, which must succeed (before an attack, to be warm; after it, to be sure). */
  void callOnce() {
    stub.withDeadlineAfter(DEADLINE_SECONDS, TimeUnit.SECONDS)
        .listVideos(ListVideosRequest.getDefaultInstance()).forEachRemaining(v -> { });
  }

  void start() {
    running.set(true);
    result = thread.submit(() -> {
      int calls = 0;
      int failed = 0;
      long slowest = 0;
      while (running.get()) {
        long start = System.nanoTime();
        try {
          callOnce();
        } catch (StatusRuntimeException e) {
          failed++;
        }
        calls++;
        slowest = Math.max(slowest, System.nanoTime() - start);
      }
      return new Served(calls, failed, TimeUnit.NANOSECONDS.toMillis(slowest));
    });
  }

  /** Stops calling and says what the client saw; bounded by one call's deadline. */
  Served stop() throws Exception {
    running.set(false);
    try {
      Served served = result.get(DEADLINE_SECONDS + 5, TimeUnit.SECONDS);
      System.out.println("good client: " + served);
      return served;
    } finally {
      thread.shutdownNow();
      thread.awaitTermination(5, TimeUnit.SECONDS);
    }
  }
}
