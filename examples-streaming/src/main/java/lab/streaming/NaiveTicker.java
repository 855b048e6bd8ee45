package lab.streaming;

import io.grpc.stub.StreamObserver;
import lab.proto.flowcontrol.ProduceRequest;
import lab.proto.flowcontrol.Tick;
import lab.proto.flowcontrol.TickerGrpc;

/**
 * The anti-pattern, kept for contrast: writes every tick at once, whatever the consumer
 * reads. gRPC never blocks onNext, so everything the consumer has not read yet is queued in
 * the transport, in memory, without limit: a slow client can run a server out of heap.
 */
public final class NaiveTicker extends TickerGrpc.TickerImplBase {
  private final TickerEvents events;

  public NaiveTicker(TickerEvents events) {
    this.events = events;
  }

  @Override
  public void produce(ProduceRequest request, StreamObserver<Tick> reply) {
    for (int seq = 0; seq < request.getCount(); seq++) {
      reply.onNext(Ticks.tick(seq, request.getPayloadBytes()));
      events.onProduced();
    }
    reply.onCompleted();
  }
}
