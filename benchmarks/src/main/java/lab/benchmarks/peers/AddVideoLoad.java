package lab.benchmarks.peers;

import io.grpc.Channel;
import io.grpc.stub.StreamObserver;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import lab.proto.video.AddVideoResponse;
import lab.proto.video.Video;
import lab.proto.video.VideoServiceGrpc;

/**
 * Unary AddVideo with {@link #IN_FLIGHT} calls in flight on one channel: 64 loops, each starting
 * its next call when the last one completes, until the time or the call budget runs out.
 * The budget exists because the lab's store is bounded (100,000 videos): past it every call
 * would be RESOURCE_EXHAUSTED, and the figure must count only calls that stored a video.
 */
final class AddVideoLoad {
  static final int IN_FLIGHT = 64;

  /** Calls that returned OK and that failed, over the phase's wall time. */
  record Outcome(long ok, long failed, long nanos, String firstError) {}

  private final VideoServiceGrpc.VideoServiceStub stub;
  private final AtomicLong nextId; // shared by every phase, so ids never repeat
  private final AtomicLong ok = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();
  private final AtomicReference<String> firstError = new AtomicReference<>();
  private final CountDownLatch loopsDone = new CountDownLatch(IN_FLIGHT);
  private long lastId;
  private long deadline;

  private AddVideoLoad(Channel channel, AtomicLong nextId) {
    this.stub = VideoServiceGrpc.newStub(channel);
    this.nextId = nextId;
  }

  /**
   * Adds videos "v-N" (N from {@code nextId}) until {@code nanos} pass or {@code budget} are
   * sent.
   */
  static Outcome run(Channel channel, AtomicLong nextId, long budget, long nanos)
      throws InterruptedException {
    var load = new AddVideoLoad(channel, nextId);
    long start = System.nanoTime();
    load.deadline = start + nanos;
    load.lastId = nextId.get() + budget;
    for (int i = 0; i < IN_FLIGHT; i++) {
      load.next();
    }
    if (!load.loopsDone.await(TimeUnit.NANOSECONDS.toSeconds(nanos) + 60, TimeUnit.SECONDS)) {
      throw new IllegalStateException("AddVideo calls still in flight 60 s after the phase");
    }
    return new Outcome(load.ok.get(), load.failed.get(), System.nanoTime() - start,
        load.firstError.get());
  }

  static Video video(long n) {
    return Video.newBuilder().setId("v-" + n).setTitle("Video " + n).setAuthor("grpc-lab load")
        .setUrl("https://example.com/" + n + ".mp4").setDuration(120).build();
  }

  private void next() {
    long id = nextId.getAndIncrement();
    if (id >= lastId || System.nanoTime() >= deadline) {
      loopsDone.countDown();
      return;
    }
    stub.addVideo(video(id), new StreamObserver<>() {
      @Override
      public void onNext(AddVideoResponse response) {}

      @Override
      public void onError(Throwable t) {
        failed.incrementAndGet();
        firstError.compareAndSet(null, t.toString());
        loopsDone.countDown(); // a failing server ends the loop rather than spinning on errors
      }

      @Override
      public void onCompleted() {
        ok.incrementAndGet();
        next();
      }
    });
  }
}
