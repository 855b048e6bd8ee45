package lab.benchmarks.peers;

import io.grpc.Channel;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import lab.proto.video.Video;
import lab.proto.video.VideoRequest;
import lab.proto.video.VideoServiceGrpc;

/**
 * GetVideo ping-pong on one stream: ask for a stored video, wait for it, ask for the next, so
 * each round trip is timed alone. Every reply must be the video asked for.
 */
final class PingPongLoad implements ClientResponseObserver<VideoRequest, Video> {
  /** Round trips, replies that were not the video asked for, the latencies' median and p99. */
  record Outcome(long roundTrips, long wrongReplies, boolean failed, double medianMicros,
      double p99Micros, String error) {}

  private final long storeSize;
  private final CountDownLatch done = new CountDownLatch(1);
  private ClientCallStreamObserver<VideoRequest> requests;
  private long deadline;
  // Touched only by the call's callbacks, one at a time (one request is out at a time).
  private long[] latencies = new long[1 << 16];
  private int count;
  private long wrongReplies;
  private String expectedId;
  private long sentAt;
  private volatile String error;

  private PingPongLoad(long storeSize) {
    this.storeSize = storeSize;
  }

  /** Plays ping-pong over videos "v-0" .. "v-(storeSize-1)" for {@code nanos}. */
  static Outcome run(Channel channel, long storeSize, long nanos) throws InterruptedException {
    var load = new PingPongLoad(storeSize);
    load.deadline = System.nanoTime() + nanos;
    VideoServiceGrpc.newStub(channel).getVideo(load);
    load.send(); // the first request; each later one goes out when the last reply arrives
    if (!load.done.await(TimeUnit.NANOSECONDS.toSeconds(nanos) + 60, TimeUnit.SECONDS)) {
      load.requests.cancel("ping-pong did not end", null);
      throw new IllegalStateException("the GetVideo stream was still open 60 s after the phase");
    }
    synchronized (load) { // happens-after the callbacks' writes
      long[] sorted = Arrays.copyOf(load.latencies, load.count);
      Arrays.sort(sorted);
      return new Outcome(load.count, load.wrongReplies, load.error != null,
          percentileMicros(sorted, 0.50), percentileMicros(sorted, 0.99), load.error);
    }
  }

  static double percentileMicros(long[] sortedNanos, double p) {
    if (sortedNanos.length == 0) {
      return Double.NaN;
    }
    int index = (int) Math.ceil(p * sortedNanos.length) - 1;
    return sortedNanos[Math.max(0, index)] / 1_000.0;
  }

  @Override
  public void beforeStart(ClientCallStreamObserver<VideoRequest> requests) {
    this.requests = requests;
  }

  @Override
  public synchronized void onNext(Video video) {
    long latency = System.nanoTime() - sentAt;
    if (count == latencies.length) {
      latencies = Arrays.copyOf(latencies, count * 2);
    }
    latencies[count++] = latency;
    if (!video.getId().equals(expectedId)) {
      wrongReplies++;
    }
    if (System.nanoTime() < deadline) {
      send();
    } else {
      requests.onCompleted(); // the server ends the call once it has read this
    }
  }

  @Override
  public void onError(Throwable t) {
    error = t.toString();
    done.countDown();
  }

  @Override
  public void onCompleted() {
    done.countDown();
  }

  private synchronized void send() {
    expectedId = "v-" + (count % storeSize);
    sentAt = System.nanoTime();
    requests.onNext(VideoRequest.newBuilder().setId(expectedId).build());
  }
}
