package lab.multiplex;

import io.grpc.Status;
import java.io.PrintStream;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import lab.common.Flags;
import lab.common.Main;
import lab.idioms.LabChannel;
import lab.proto.multiplex.ClockGrpc;
import lab.proto.multiplex.NowRequest;
import lab.proto.routeguide.RouteGuideGrpc;
import lab.proto.video.ListVideosRequest;
import lab.proto.video.Video;
import lab.proto.video.VideoServiceGrpc;
import lab.routeguide.Geo;

/**
 * One channel, many stubs (the notes' "one channel with multiple stubs"): three stubs for
 * three services share one channel, so every call below travels on the same TCP connection,
 * each as its own HTTP/2 stream. A slow clock call stays in flight while the other two services
 * answer on that same connection.
 *
 * <p>Flags: {@code --target host:port} (default localhost:50056), {@code --clock-delay-ms N}
 * (how long the clock call waits on the server, default 1500).
 */
public final class MultiplexClient {
  static final String USAGE = "usage: ./run examples-multiplex MultiplexClient"
      + " [--clock-delay-ms N] [--target HOST:PORT]";
  static final String START_SERVER = "./run examples-multiplex MultiplexServer";

  public static void main(String[] args) throws Exception {
    Main.client(args, USAGE, START_SERVER, flags -> run(flags, System.out));
  }

  /** The lesson's calls against {@code --target}, each printed on {@code out} when it ends. */
  static void run(Flags flags, PrintStream out) throws Exception {
    int clockDelayMs = flags.integer("clock-delay-ms", 1500);
    try (LabChannel lab = LabChannel.plaintext(flags.target(MultiplexServer.DEFAULT_PORT))) {
      var routes = RouteGuideGrpc.newBlockingStub(lab.channel());
      var videos = VideoServiceGrpc.newBlockingStub(lab.channel());
      var clock = ClockGrpc.newFutureStub(lab.channel());
      // The first call opens the channel's connection; every later call reuses it.
      out.println("route guide: " + routes.getFeature(Geo.point(51.5055, -0.0754)).getName());

      long start = System.nanoTime();
      var slowNow = clock.now(NowRequest.newBuilder().setDelayMs(clockDelayMs).build());
      print(out, start, "clock call sent, asked to wait " + clockDelayMs + " ms");
      videos.addVideo(Video.newBuilder().setId("multiplex-" + System.currentTimeMillis())
          .setTitle("Three services, one connection").build());
      long count = 0;
      for (var it = videos.listVideos(ListVideosRequest.getDefaultInstance()); it.hasNext(); ) {
        it.next();
        count++;
      }
      print(out, start, "video service: added one, now " + count + " video(s)");
      print(out, start, "route guide again: " + routes.getFeature(Geo.point(51.5055, -0.0754))
          .getName());
      Status clockFailed = null;
      try {
        print(out, start, "clock: " + slowNow.get(clockDelayMs + 10_000L, TimeUnit.MILLISECONDS)
            .getTime() + " (the other calls did not wait for it)");
      } catch (ExecutionException e) {
        clockFailed = Status.fromThrowable(e.getCause());
        print(out, start, "clock failed: " + clockFailed.getCode() + ": "
            + clockFailed.getDescription());
      }
      out.println("three stubs, one channel: one TCP connection, one HTTP/2 stream per call");
      if (clockFailed != null) {
        throw clockFailed.asRuntimeException(); // a failed call is a failed run: exit 1
      }
    }
  }

  private static void print(PrintStream out, long start, String line) {
    out.printf("%5d ms  %s%n", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start), line);
  }
}
