package lab.benchmarks.memory;

import io.grpc.ConnectivityState;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.StreamObserver;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import lab.proto.benchmarks.BenchGrpc;
import lab.proto.benchmarks.Chunk;

/**
 * IdleMemory's clients, in their own JVM so that only the server's memory is measured: opens
 * {@code connections} channels (one TCP connection each), starts {@code streams} Echo calls on
 * each and sends nothing on them, then holds everything open until its stdin closes.
 * Arguments: port, connections, streams per connection.
 */
public final class IdleClients {
  public static void main(String[] args) throws Exception {
    int port = Integer.parseInt(args[0]);
    int connections = Integer.parseInt(args[1]);
    int streams = Integer.parseInt(args[2]);
    List<ManagedChannel> channels = new ArrayList<>();
    List<StreamObserver<Chunk>> calls = new ArrayList<>();
    StreamObserver<Chunk> ignore = new StreamObserver<>() {
      @Override public void onNext(Chunk chunk) {}
      @Override public void onError(Throwable t) {}
      @Override public void onCompleted() {}
    };
    for (int i = 0; i < connections; i++) {
      ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", port).usePlaintext()
          .build();
      channels.add(channel);
      channel.getState(true); // connect now, even with no call
      for (int s = 0; s < streams; s++) {
        calls.add(BenchGrpc.newStub(channel).echo(ignore)); // headers go out, no message
      }
    }
    for (ManagedChannel channel : channels) {
      awaitReady(channel, 60);
    }
    System.out.println("opened " + channels.size() + " connections, " + calls.size() + " calls");
    System.in.read(); // until the measuring JVM closes our stdin (or kills us)
    for (ManagedChannel channel : channels) {
      channel.shutdownNow();
    }
  }

  /** Waits (bounded) for the channel to connect, woken by its state changes, not spinning. */
  private static void awaitReady(ManagedChannel channel, int seconds) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    ConnectivityState state;
    while ((state = channel.getState(false)) != ConnectivityState.READY
        && System.nanoTime() < deadline) {
      CountDownLatch changed = new CountDownLatch(1);
      channel.notifyWhenStateChanged(state, changed::countDown);
      changed.await(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
    }
  }
}
