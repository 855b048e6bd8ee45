package lab.streaming;

import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import lab.proto.flowcontrol.ProduceRequest;
import lab.proto.flowcontrol.Tick;

/**
 * A client that consumes a server stream at its own pace: automatic requests are off, it
 * asks for {@code initial} messages, then for one more each time it finishes processing one.
 * The server's isReady follows these requests.
 */
public final class SlowTickReader implements ClientResponseObserver<ProduceRequest, Tick> {
  private final int initial;
  private final Function<Tick, CompletionStage<?>> process;
  private final CompletableFuture<Integer> done = new CompletableFuture<>();
  private volatile ClientCallStreamObserver<ProduceRequest> call;
  private volatile int received; // written by gRPC's thread, read by whoever asks

  public SlowTickReader(int initial, Function<Tick, CompletionStage<?>> process) {
    this.initial = initial;
    this.process = process;
  }

  @Override
  public void beforeStart(ClientCallStreamObserver<ProduceRequest> requestStream) {
    call = requestStream;
    requestStream.disableAutoRequestWithInitial(initial);
  }

  @Override
  public void onNext(Tick tick) {
    received++;
    process.apply(tick).thenRun(() -> call.request(1));
  }

  @Override
  public void onError(Throwable t) {
    done.completeExceptionally(t);
  }

  @Override
  public void onCompleted() {
    done.complete(received);
  }

  /** Asks for {@code n} more messages now. */
  public void request(int n) {
    call.request(n);
  }

  public void cancel() {
    call.cancel("client is done", null);
  }

  /** Ticks received so far. */
  public int received() {
    return received;
  }

  /** Completes with the number of ticks received when the server completes the stream. */
  public CompletableFuture<Integer> done() {
    return done;
  }
}
