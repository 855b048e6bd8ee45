package lab.streaming;

import java.io.IOException;
import lab.common.LabServer;
import lab.common.Main;
import lab.proto.video.Video;
import lab.services.VideoService;
import lab.services.VideoStore;

/**
 * The video lab of the notes, on 127.0.0.1:50051 with reflection and health, so the notes'
 * grpcurl commands work unchanged. The store starts empty, as the notes' session expects
 * (it adds ids "2" and "1" itself).
 *
 * <p>Flags: {@code --port N} (default 50051), {@code --sample} (start with two sample videos,
 * ids "100" and "101", for exploring without adding first).
 */
public final class VideoServer {
  public static final int DEFAULT_PORT = 50051;

  static final String USAGE = "usage: ./run examples-streaming VideoServer [--sample] [--port N]";

  public static void main(String[] args) throws Exception {
    Main.run(args, USAGE, flags -> {
      VideoStore store = new VideoStore();
      if (flags.bool("sample")) {
        store.add(sample("100", "Intro to gRPC streaming", 300));
        store.add(sample("101", "Flow control in practice", 540));
      }
      start(flags.port(DEFAULT_PORT), store).blockUntilShutdown();
    });
  }

  /**
   * The video lab's server over {@code store} on {@code port} (0: a free one), started.
   *
   * <p>It practises what the lab teaches: VideoService's handlers never block (the store takes
   * a short lock at most, and every write goes through flow control instead of waiting), so
   * they run on the transport's own threads ({@code directExecutor}) instead of being handed
   * to a pool for every message, a thread wake-up each time. A handler that blocked would
   * stall every call on its connection here; benchmarks/README.md ("The video lab against its
   * peers") has the numbers.
   */
  public static LabServer start(int port, VideoStore store) throws IOException {
    return LabServer.onPort(port).addService(new VideoService(store))
        .configure(builder -> builder.directExecutor())
        .start();
  }

  private static Video sample(String id, String title, int duration) {
    return Video.newBuilder().setId(id).setTitle(title).setAuthor("grpc-lab")
        .setUrl("https://example.com/" + id + ".mp4").setDuration(duration).build();
  }
}
