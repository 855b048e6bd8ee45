package lab.streaming;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import lab.proto.flowcontrol.ConsumeSummary;
import lab.proto.flowcontrol.ProduceRequest;
import lab.proto.flowcontrol.Tick;
import lab.proto.flowcontrol.TickerGrpc;

/**
 * Producer and consumer that respect each other (NOTES.md, "Flow control").
 *
 * <p>Produce: builds and writes the next tick only while the call {@code isReady()}, i.e.
 * while the transport can take it without buffering beyond its limit, and otherwise returns
 * and waits for the on-ready handler. A producer that ignores isReady still "works" but every
 * message the consumer is not reading piles up in memory (see {@link NaiveTicker}).
 *
 * <p>Consume: turns off automatic requests and asks for the next client message only when
 * the previous one is processed, so a slow server holds back a fast client.
 */
public final class FlowControlledTicker extends TickerGrpc.TickerImplBase {
  private final TickerEvents events;
  private final Function<Tick, CompletionStage<?>> process;

  /** @param process the (slow) work done per consumed tick; the next is requested after it */
  public FlowControlledTicker(TickerEvents events, Function<Tick, CompletionStage<?>> process) {
    this.events = events;
    this.process = process;
  }

  @Override
  public void produce(ProduceRequest request, StreamObserver<Tick> reply) {
    try {
      Ticks.validate(request);
    } catch (StatusRuntimeException e) {
      reply.onError(e);
      return;
    }
    var call = (ServerCallStreamObserver<Tick>) reply;
    AtomicInteger next = new AtomicInteger();
    AtomicBoolean completed = new AtomicBoolean();
    call.setOnCancelHandler(() -> events.onCancelled(next.get()));
    Runnable drain = () -> {
      // Check readiness BEFORE creating a message: building it is part of the cost.
      while (call.isReady() && !call.isCancelled() && next.get() < request.getCount()) {
        call.onNext(Ticks.tick(next.getAndIncrement(), request.getPayloadBytes()));
        events.onProduced();
      }
      if (call.isCancelled() || completed.get()) {
        return;
      }
      if (next.get() == request.getCount()) {
        completed.set(true); // onReady may run again after the last tick: complete once
        call.onCompleted();
      } else {
        events.onPaused(next.get());
      }
    };
    // onReady runs on the call's serialized executor, as this method does: no races.
    call.setOnReadyHandler(drain);
    drain.run();
  }

  @Override
  public StreamObserver<Tick> consume(StreamObserver<ConsumeSummary> reply) {
    var call = (ServerCallStreamObserver<ConsumeSummary>) reply;
    call.disableAutoRequest();
    call.request(1);
    // Processing completes on other threads, so the state below is guarded by the observer.
    return new StreamObserver<>() {
      private int received;
      private boolean busy;
      private boolean halfClosed;
      private boolean failed;

      @Override
      public synchronized void onNext(Tick tick) {
        received++;
        busy = true;
        process.apply(tick).whenComplete((ok, error) -> processed(tick, error));
      }

      private synchronized void processed(Tick tick, Throwable error) {
        busy = false;
        if (error != null) { // a failed stage must end the call, not leave it waiting forever
          failed = true;
          reply.onError(Status.INTERNAL.withDescription("processing tick " + tick.getSeq()
              + " failed: " + error.getMessage()).asRuntimeException());
        } else if (halfClosed) {
          summarize(); // the client finished while this tick was still being processed
        } else {
          call.request(1); // next one only when done
        }
      }

      @Override
      public synchronized void onError(Throwable t) {
        events.onCancelled(received);
      }

      @Override
      public synchronized void onCompleted() {
        halfClosed = true;
        if (!busy && !failed) {
          summarize();
        }
      }

      private void summarize() {
        reply.onNext(ConsumeSummary.newBuilder().setReceived(received).build());
        reply.onCompleted();
      }
    };
  }
}
