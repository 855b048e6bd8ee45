package lab.benchmarks.throughput;

import io.grpc.stub.StreamObserver;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import lab.proto.benchmarks.BenchGrpc;
import lab.proto.benchmarks.Chunk;
import lab.proto.benchmarks.DownloadRequest;

/**
 * Reads a server stream with an async observer. With a direct executor the messages are
 * handled right on the transport thread; a blocking stub's iterator would instead hand every
 * message to the calling thread, one wake-up each, and cap small-message throughput far
 * below what the transport can do.
 */
final class Downloads {
  private Downloads() {}

  static long download(BenchGrpc.BenchStub stub, DownloadRequest request) throws Exception {
    var done = new CompletableFuture<Long>();
    stub.download(request, new StreamObserver<>() {
      private long received;

      @Override public void onNext(Chunk chunk) {
        received++;
      }
      @Override public void onError(Throwable t) {
        done.completeExceptionally(t);
      }
      @Override public void onCompleted() {
        done.complete(received);
      }
    });
    return done.get(120, TimeUnit.SECONDS);
  }
}
