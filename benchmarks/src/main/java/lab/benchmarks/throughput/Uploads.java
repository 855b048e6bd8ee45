package lab.benchmarks.throughput;

import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import lab.proto.benchmarks.Ack;
import lab.proto.benchmarks.BenchGrpc;
import lab.proto.benchmarks.Chunk;

/** A client-streaming upload that respects flow control (isReady/onReady). */
final class Uploads {
  private Uploads() {}

  static long upload(BenchGrpc.BenchStub stub, Chunk chunk, int count) throws Exception {
    var ack = new CompletableFuture<Long>();
    stub.upload(new ClientResponseObserver<Chunk, Ack>() {
      private int sent;

      @Override
      public void beforeStart(ClientCallStreamObserver<Chunk> requests) {
        requests.setOnReadyHandler(() -> {
          while (requests.isReady() && sent < count) {
            requests.onNext(chunk);
            sent++;
          }
          if (sent == count) {
            sent++;
            requests.onCompleted();
          }
        });
      }

      @Override public void onNext(Ack value) {
        ack.complete(value.getReceived());
      }
      @Override public void onError(Throwable t) {
        ack.completeExceptionally(t);
      }
      @Override public void onCompleted() {}
    });
    return ack.get(60, TimeUnit.SECONDS);
  }
}
