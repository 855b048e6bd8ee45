package lab.benchmarks.layers;

import io.grpc.stub.StreamObserver;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import lab.benchmarks.support.Endpoint;
import lab.proto.benchmarks.BenchGrpc;
import lab.proto.benchmarks.Chunk;
import lab.proto.benchmarks.DownloadRequest;

/**
 * The top layer: ServerStreamingBenchmark's own path (BenchService's flow-controlled Download
 * over Netty, direct executor on both sides), read by an async observer that also counts the
 * payload bytes each parsed Chunk carries.
 */
final class GrpcLayer implements Layer {
  private final Endpoint endpoint = Endpoint.start("netty", "direct");
  private final BenchGrpc.BenchStub stub = BenchGrpc.newStub(endpoint.channel());

  GrpcLayer() throws Exception {}

  @Override
  public Received stream(int count, int size) throws Exception {
    var request = DownloadRequest.newBuilder().setCount(count).setSize(size)
        .setFlowControlled(true).build();
    var done = new CompletableFuture<Received>();
    stub.download(request, new StreamObserver<>() {
      private long messages;
      private long bytes;

      @Override public void onNext(Chunk chunk) {
        messages++;
        bytes += chunk.getData().size();
      }
      @Override public void onError(Throwable t) {
        done.completeExceptionally(t);
      }
      @Override public void onCompleted() {
        done.complete(new Received(messages, bytes));
      }
    });
    return done.get(120, TimeUnit.SECONDS);
  }

  @Override
  public void close() throws Exception {
    endpoint.close();
  }
}
