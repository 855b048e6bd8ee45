package lab.benchmarks.peers;

import io.grpc.Channel;
import io.grpc.stub.StreamObserver;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import lab.proto.video.ListVideosRequest;
import lab.proto.video.Video;
import lab.proto.video.VideoServiceGrpc;

/**
 * ListVideos streams, one after another on one channel, over a store of known size: each
 * stream must bring back exactly that many videos. The figure is videos received per second.
 */
final class ListVideosLoad {
  /** Streams that ended OK, videos received, streams that failed or had the wrong count. */
  record Outcome(long streams, long videos, long failed, long wrongCount, long nanos,
      String firstError) {}

  private final VideoServiceGrpc.VideoServiceStub stub;
  private final long storeSize;
  private final CountDownLatch done = new CountDownLatch(1);
  private long deadline;
  // Written by one stream's callbacks at a time (the next starts when the last ends).
  private long streams;
  private long videos;
  private long failed;
  private long wrongCount;
  private String firstError;

  private ListVideosLoad(Channel channel, long storeSize) {
    this.stub = VideoServiceGrpc.newStub(channel);
    this.storeSize = storeSize;
  }

  static Outcome run(Channel channel, long storeSize, long nanos) throws InterruptedException {
    var load = new ListVideosLoad(channel, storeSize);
    long start = System.nanoTime();
    load.deadline = start + nanos;
    load.next();
    if (!load.done.await(TimeUnit.NANOSECONDS.toSeconds(nanos) + 60, TimeUnit.SECONDS)) {
      throw new IllegalStateException("a ListVideos stream was still open 60 s after the phase");
    }
    synchronized (load) {
      return new Outcome(load.streams, load.videos, load.failed, load.wrongCount,
          System.nanoTime() - start, load.firstError);
    }
  }

  private synchronized void next() {
    if (System.nanoTime() >= deadline) {
      done.countDown();
      return;
    }
    stub.listVideos(ListVideosRequest.getDefaultInstance(), new StreamObserver<>() {
      private long received;

      @Override
      public void onNext(Video video) {
        received++;
      }

      @Override
      public void onError(Throwable t) {
        synchronized (ListVideosLoad.this) {
          failed++;
          firstError = firstError == null ? t.toString() : firstError;
        }
        done.countDown();
      }

      @Override
      public void onCompleted() {
        synchronized (ListVideosLoad.this) {
          streams++;
          videos += received;
          if (received != storeSize) {
            wrongCount++;
          }
        }
        next();
      }
    });
  }
}
