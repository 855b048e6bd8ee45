package lab.idioms;

import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import java.util.concurrent.TimeUnit;

/**
 * A client channel that closes properly in try-with-resources: shutdown, wait for in-flight
 * calls, then force. A channel owns threads and connections; a client that forgets to shut it
 * down leaks both. The notes' client steps: create the channel, add middleware, call stubs.
 */
public record LabChannel(ManagedChannel channel) implements AutoCloseable {

  /** A plaintext channel to {@code target} ("host:port"), as the lab's servers are plaintext. */
  public static LabChannel plaintext(String target) {
    return new LabChannel(ManagedChannelBuilder.forTarget(target).usePlaintext().build());
  }

  @Override
  public void close() throws InterruptedException {
    channel.shutdown();
    if (!channel.awaitTermination(5, TimeUnit.SECONDS)) {
      channel.shutdownNow();
      channel.awaitTermination(5, TimeUnit.SECONDS);
    }
  }
}
