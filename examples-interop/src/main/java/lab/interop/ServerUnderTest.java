package lab.interop;

import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import lab.proto.interop.TestServiceGrpc;

/**
 * The server a case talks to: one shared channel (the spec's "same channel"), a way to open
 * fresh ones (channel_soak), and the bounds the soak cases honour.
 */
final class ServerUnderTest implements AutoCloseable {
  /** Generous for a loaded 2-core box: a call that should take milliseconds gets 30 s. */
  static final Duration CALL_BOUND = Duration.ofSeconds(30);

  final String host;
  final int port;
  final Soak soak;
  private final ManagedChannel channel;

  /** rpc_soak and channel_soak: how many calls, how many may fail, and the time they get. */
  record Soak(int iterations, int maxFailures, Duration perCallLatency, Duration overall) {}

  ServerUnderTest(String host, int port, Soak soak) {
    this.host = host;
    this.port = port;
    this.soak = soak;
    this.channel = newChannel();
  }

  ManagedChannel channel() {
    return channel;
  }

  ManagedChannel newChannel() {
    // Replies up to 4 MiB are the default; the interop payloads stay well below.
    return ManagedChannelBuilder.forAddress(host, port).usePlaintext().build();
  }

  TestServiceGrpc.TestServiceBlockingStub blocking() {
    return TestServiceGrpc.newBlockingStub(channel)
        .withDeadlineAfter(CALL_BOUND.toMillis(), TimeUnit.MILLISECONDS);
  }

  TestServiceGrpc.TestServiceStub async() {
    return TestServiceGrpc.newStub(channel)
        .withDeadlineAfter(CALL_BOUND.toMillis(), TimeUnit.MILLISECONDS);
  }

  static void close(ManagedChannel channel) throws InterruptedException {
    channel.shutdown();
    if (!channel.awaitTermination(10, TimeUnit.SECONDS)) {
      channel.shutdownNow();
      channel.awaitTermination(10, TimeUnit.SECONDS);
    }
  }

  @Override
  public void close() throws InterruptedException {
    close(channel);
  }
}
