package lab.benchmarks.peers;

import com.google.gson.Gson;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import lab.common.Flags;
import lab.common.Main;

/**
 * The same work against any server of the video contract, so the lab's VideoServer can be put
 * next to its peers (benchmarks/peers/run.sh). On one plaintext channel, against a server whose
 * store starts empty: fill the store with {@code --store} videos, then, each after a warm-up,
 * ListVideos streams over it (videos/s), GetVideo ping-pong on one stream (median and p99 of
 * the round trip), unary AddVideo with 64 calls in flight (calls/s).
 *
 * <p>The client is the same for every server and runs its callbacks on its transport threads
 * (direct executor): it never blocks in them, and a hand-off would only add client cost to
 * every figure. Progress goes to stderr; each figure is one stdout line, {@code RESULT {json}}.
 */
public final class VideoLoad {
  static final String USAGE = "usage: java -cp benchmarks.jar lab.benchmarks.peers.VideoLoad"
      + " --target HOST:PORT [--seconds 5] [--warmup 2] [--store 2000] [--label NAME]";
  /** The figures of every run, in the order the peers' table shows them. */
  public static final List<String> FIGURES =
      List.of("unary", "list", "pingpong_p50", "pingpong_p99");
  /** The lab's store holds 100,000 videos; AddVideo stops short of that (see AddVideoLoad). */
  static final long MAX_ADDS = 95_000;

  /** One figure of one run; {@code count} is calls, videos or round trips measured. */
  public record Figure(String label, String figure, double value, String unit, long count,
      long failed, String error) {}

  /** Seconds measured and warmed up per figure, and the store size ListVideos streams. */
  public record Settings(double seconds, double warmupSeconds, int storeSize) {}

  public static void main(String[] args) throws Exception {
    Main.run(args, USAGE, flags -> {
      String target = flags.target(50051);
      var settings = new Settings(decimal(flags, "seconds", 5), decimal(flags, "warmup", 2),
          flags.integer("store", 2_000));
      Gson gson = new Gson();
      long failed = 0;
      for (Figure figure : run(target, flags.string("label", target), settings)) {
        System.out.println("RESULT " + gson.toJson(figure));
        failed += figure.failed();
      }
      if (failed > 0) {
        throw new IllegalStateException(failed + " call(s) failed or answered wrongly");
      }
    });
  }

  /** Runs every phase against {@code target} and returns its figures. */
  public static List<Figure> run(String target, String label, Settings s)
      throws InterruptedException {
    ManagedChannel channel = NettyChannelBuilder.forTarget(target).usePlaintext()
        .directExecutor().build();
    try {
      List<Figure> figures = new ArrayList<>();
      long measure = nanos(s.seconds());
      long warmup = nanos(s.warmupSeconds());
      AtomicLong ids = new AtomicLong();
      progress(label, "filling the store with " + s.storeSize() + " videos");
      var fill = AddVideoLoad.run(channel, ids, s.storeSize(), TimeUnit.MINUTES.toNanos(5));
      if (fill.ok() != s.storeSize()) {
        throw new IllegalStateException("could not fill the store: " + fill);
      }

      progress(label, "ListVideos over " + s.storeSize() + " videos");
      ListVideosLoad.run(channel, s.storeSize(), warmup);
      var list = ListVideosLoad.run(channel, s.storeSize(), measure);
      figures.add(new Figure(label, "list", list.videos() / seconds(list.nanos()), "videos/s",
          list.videos(), list.failed() + list.wrongCount(), list.firstError()));

      progress(label, "GetVideo ping-pong");
      PingPongLoad.run(channel, s.storeSize(), warmup);
      var pp = PingPongLoad.run(channel, s.storeSize(), measure);
      long ppFailed = pp.wrongReplies() + (pp.failed() ? 1 : 0);
      figures.add(new Figure(label, "pingpong_p50", pp.medianMicros(), "us", pp.roundTrips(),
          ppFailed, pp.error()));
      figures.add(new Figure(label, "pingpong_p99", pp.p99Micros(), "us", pp.roundTrips(),
          ppFailed, pp.error()));

      progress(label, "AddVideo, " + AddVideoLoad.IN_FLIGHT + " in flight");
      var warm = AddVideoLoad.run(channel, ids, (MAX_ADDS - s.storeSize()) / 4, warmup);
      long budget = MAX_ADDS - s.storeSize() - warm.ok() - warm.failed();
      var unary = AddVideoLoad.run(channel, ids, budget, measure);
      figures.add(new Figure(label, "unary", unary.ok() / seconds(unary.nanos()), "calls/s",
          unary.ok(), unary.failed() + warm.failed(),
          unary.firstError() != null ? unary.firstError() : warm.firstError()));
      return figures;
    } finally {
      channel.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
    }
  }

  private static void progress(String label, String what) {
    System.err.println("[" + label + "] " + what);
  }

  private static long nanos(double seconds) {
    return (long) (seconds * 1e9);
  }

  private static double seconds(long nanos) {
    return nanos / 1e9;
  }

  private static double decimal(Flags flags, String name, double defaultValue) {
    String value = flags.string(name, null);
    try {
      return value == null ? defaultValue : Double.parseDouble(value);
    } catch (NumberFormatException e) {
      throw new Flags.UsageException("--" + name + " takes a number of seconds, got: " + value);
    }
  }
}
