package lab.benchmarks.scaling;

import io.grpc.ManagedChannel;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import lab.proto.benchmarks.BenchGrpc;
import lab.proto.benchmarks.Chunk;
import org.HdrHistogram.Recorder;

/**
 * Closed-loop load: {@code streams} Echo streams spread over the channels, each with exactly
 * one message in flight — it sends the next one from the callback that receives the echo of
 * the last. Every round trip's latency goes into a concurrent HdrHistogram recorder. No
 * thread waits per stream: with direct executors the loop runs on the event loops, so 256
 * streams cost 256 call objects, not 256 threads.
 */
final class ClosedLoop {
  private final Recorder latencies = new Recorder(3);
  private final AtomicLong completed = new AtomicLong();
  private final List<Pinger> pingers = new ArrayList<>();
  private volatile long target = Long.MAX_VALUE;
  private volatile CompletableFuture<Void> waiter = new CompletableFuture<>();
  private volatile boolean running = true;

  ClosedLoop(List<ManagedChannel> channels, int streams, Chunk message) {
    for (int i = 0; i < streams; i++) {
      pingers.add(new Pinger(BenchGrpc.newStub(channels.get(i % channels.size())), message));
    }
    pingers.forEach(Pinger::send);
  }

  Recorder latencies() {
    return latencies;
  }

  /** Blocks until {@code n} more round trips have completed (on any stream). */
  void awaitRoundTrips(int n) throws Exception {
    var next = new CompletableFuture<Void>();
    long goal = completed.get() + n;
    target = goal;
    waiter = next;
    if (completed.get() >= goal) {
      next.complete(null); // they completed before the waiter was in place
    }
    next.get(60, TimeUnit.SECONDS);
  }

  /** Sends no further messages; the caller then shuts the channels down. */
  void stop() {
    running = false;
  }

  private void completed() {
    if (completed.incrementAndGet() >= target) {
      waiter.complete(null);
    }
  }

  private final class Pinger implements ClientResponseObserver<Chunk, Chunk> {
    private final ClientCallStreamObserver<Chunk> requests;
    private final Chunk message;
    private long sentAt;

    @SuppressWarnings("unchecked")
    Pinger(BenchGrpc.BenchStub stub, Chunk message) {
      this.message = message;
      this.requests = (ClientCallStreamObserver<Chunk>) stub.echo(this);
    }

    @Override
    public void beforeStart(ClientCallStreamObserver<Chunk> call) {}

    void send() {
      sentAt = System.nanoTime();
      requests.onNext(message);
    }

    @Override
    public void onNext(Chunk echo) {
      latencies.recordValue(System.nanoTime() - sentAt);
      completed();
      if (running) {
        send();
      }
    }

    @Override
    public void onError(Throwable t) {
      if (running) {
        waiter.completeExceptionally(t); // a failed stream must not pass for a slow one
      }
    }

    @Override
    public void onCompleted() {}
  }
}
