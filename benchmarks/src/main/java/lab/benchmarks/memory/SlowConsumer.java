package lab.benchmarks.memory;

import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import lab.proto.benchmarks.BenchGrpc;
import lab.proto.benchmarks.Chunk;
import lab.proto.benchmarks.DownloadRequest;

/**
 * The slow reader for RetainedMemoryUnderSlowConsumer, run in its own JVM so that only the
 * producer's memory is measured. It asks for one message at a time, at a fixed byte rate.
 * Arguments: port, message size, count, MiB/s, flow-controlled producer (true/false).
 */
public final class SlowConsumer {
  public static void main(String[] args) throws Exception {
    int port = Integer.parseInt(args[0]);
    int size = Integer.parseInt(args[1]);
    int count = Integer.parseInt(args[2]);
    double mibPerSecond = Double.parseDouble(args[3]);
    boolean flowControlled = Boolean.parseBoolean(args[4]);
    long pauseNanos = (long) (size / (mibPerSecond * 1024 * 1024) * 1e9);

    ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", port).usePlaintext()
        .build();
    ScheduledExecutorService pacer = Executors.newSingleThreadScheduledExecutor();
    var done = new CompletableFuture<Long>();
    BenchGrpc.newStub(channel).download(DownloadRequest.newBuilder().setCount(count)
        .setSize(size).setFlowControlled(flowControlled).build(),
        new ClientResponseObserver<DownloadRequest, Chunk>() {
          private ClientCallStreamObserver<DownloadRequest> call;
          private long received;

          @Override public void beforeStart(ClientCallStreamObserver<DownloadRequest> c) {
            call = c;
            c.disableAutoRequestWithInitial(1);
          }
          @Override public void onNext(Chunk chunk) {
            received++;
            pacer.schedule(() -> call.request(1), pauseNanos, TimeUnit.NANOSECONDS);
          }
          @Override public void onError(Throwable t) {
            done.completeExceptionally(t);
          }
          @Override public void onCompleted() {
            done.complete(received);
          }
        });
    System.out.println("consumer received " + done.get(30, TimeUnit.MINUTES) + " messages");
    pacer.shutdownNow();
    channel.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
  }
}
