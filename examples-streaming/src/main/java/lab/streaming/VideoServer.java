package lab.streaming;

import java.io.IOException;
import lab.common.LabServer;
import lab.common.Main;
import lab.proto.video.Video;
import lab.services.VideoLab;
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
   * The video lab's server over {@code store} on {@code port} (0: a free one), started. The
   * set-up lives in lab-services ({@link VideoLab}: why its handlers run on the transport's
   * threads), next to the service, so the benchmarks start the very same server.
   */
  public static LabServer start(int port, VideoStore store) throws IOException {
    return VideoLab.start(port, store);
  }

  private static Video sample(String id, String title, int duration) {
    return Video.newBuilder().setId(id).setTitle(title).setAuthor("grpc-lab")
        .setUrl("https://example.com/" + id + ".mp4").setDuration(duration).build();
  }
}
