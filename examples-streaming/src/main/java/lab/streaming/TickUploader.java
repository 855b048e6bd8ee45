package lab.streaming;

import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import lab.proto.flowcontrol.ConsumeSummary;
import lab.proto.flowcontrol.Tick;

/**
 * A fast client producer that respects a slow server: it sends the next tick only while the
 * call isReady (the server has asked for more), and resumes from the on-ready handler.
 */
public final class TickUploader implements ClientResponseObserver<Tick, ConsumeSummary> {
  private final int count;
  private final AtomicInteger sent = new AtomicInteger();
  private final BlockingQueue<Integer> pauses = new LinkedBlockingQueue<>();
  private final CompletableFuture<ConsumeSummary> summary = new CompletableFuture<>();

  public TickUploader(int count) {
    this.count = count;
  }

  @Override
  public void beforeStart(ClientCallStreamObserver<Tick> requestStream) {
    requestStream.setOnReadyHandler(() -> {
      while (requestStream.isReady() && sent.get() < count) {
        requestStream.onNext(Ticks.tick(sent.getAndIncrement(), 0));
      }
      if (sent.get() == count) {
        sent.incrementAndGet(); // half-close exactly once
        requestStream.onCompleted();
      } else if (sent.get() < count) {
        pauses.add(sent.get());
      }
    });
  }

  @Override
  public void onNext(ConsumeSummary value) {
    summary.complete(value);
  }

  @Override
  public void onError(Throwable t) {
    summary.completeExceptionally(t);
  }

  @Override
  public void onCompleted() {}

  /** How many ticks were sent when the uploader had to wait, in order. */
  public BlockingQueue<Integer> pauses() {
    return pauses;
  }

  public CompletableFuture<ConsumeSummary> summary() {
    return summary;
  }
}
