package lab.wire;

import java.io.IOException;
import lab.common.LabServer;
import lab.common.Main;
import lab.proto.video.Video;
import lab.services.VideoService;
import lab.services.VideoStore;

/**
 * An ordinary grpc-java server (the video service, plus a Work service whose calls take as
 * long as asked) for the raw HTTP/2 client and curl to talk to, on 127.0.0.1:50060, plaintext.
 * The store starts with two videos so ListVideos streams something. Flags: {@code --port N}.
 *
 * <p>Two settings keep the transcript the same on every run: a fixed flow-control window
 * (grpc-java otherwise tunes it with PING frames, at moments that vary) and
 * {@link FrameEachMessage}.
 */
public final class WireServer {
  public static final int DEFAULT_PORT = 50060;
  /** grpc-java's default window, fixed instead of auto-tuned. */
  public static final int WINDOW = 1 << 20;

  static final String USAGE = "usage: ./run examples-wire WireServer [--port N]";

  public static void main(String[] args) throws Exception {
    Main.run(args, USAGE, flags -> {
      start(flags.port(DEFAULT_PORT)).blockUntilShutdown();
    });
  }

  public static LabServer start(int port) throws IOException {
    VideoStore store = new VideoStore();
    store.add(video("1", "Frames", 60));
    store.add(video("2", "Trailers", 90));
    return LabServer.onPort(port)
        .addService(new VideoService(store))
        .addService(new WorkService())
        .intercept(new FrameEachMessage())
        .configure(b -> b.flowControlWindow(WINDOW))
        .start();
  }

  private static Video video(String id, String title, int duration) {
    return Video.newBuilder().setId(id).setTitle(title).setAuthor("grpc-lab")
        .setUrl("https://example.com/" + id + ".mp4").setDuration(duration).build();
  }
}
