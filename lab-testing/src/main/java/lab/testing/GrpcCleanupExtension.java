package lab.testing;

import io.grpc.BindableService;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The JUnit 5 counterpart of grpc-testing's JUnit 4 {@code GrpcCleanupRule}. Register it
 * explicitly and hand it every server and channel a test makes:
 *
 * <pre>{@code
 * @RegisterExtension final GrpcCleanupExtension grpc = new GrpcCleanupExtension();
 * ManagedChannel channel = grpc.register(ManagedChannelBuilder.forTarget(...).build());
 * }</pre>
 *
 * <p>After a passing test it shuts everything down gracefully (newest first), waits for
 * termination within one shared bound, and fails the test if anything did not terminate, so
 * a leak is reported instead of hanging the build. After a failed test it calls
 * {@code shutdownNow()} on everything and does not wait: the test's own failure is what
 * matters, and a stuck call must not hide it behind a timeout.
 */
public final class GrpcCleanupExtension implements AfterEachCallback {
  private final Duration timeout;
  private final Deque<Resource> resources = new ArrayDeque<>();

  public GrpcCleanupExtension() {
    this(Duration.ofSeconds(10));
  }

  public GrpcCleanupExtension(Duration timeout) {
    this.timeout = timeout;
  }

  public synchronized <T extends ManagedChannel> T register(T channel) {
    resources.push(new Resource("channel " + channel, channel::shutdown, channel::shutdownNow,
        channel::awaitTermination));
    return channel;
  }

  public synchronized <T extends Server> T register(T server) {
    resources.push(new Resource("server " + server, server::shutdown, server::shutdownNow,
        server::awaitTermination));
    return server;
  }

  /** An in-process server with a unique name, started and registered, plus its channel. */
  public record InProcess(String name, Server server, ManagedChannel channel) {}

  /**
   * Starts an in-process server configured by {@code configure} (services, interceptors,
   * executor), and opens a channel to it. Both are registered.
   */
  public InProcess startInProcess(Consumer<InProcessServerBuilder> configure) {
    String name = InProcessServerBuilder.generateName();
    InProcessServerBuilder builder = InProcessServerBuilder.forName(name);
    configure.accept(builder);
    try {
      Server server = register(builder.build().start());
      ManagedChannel channel = register(InProcessChannelBuilder.forName(name).build());
      return new InProcess(name, server, channel);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The one-liner: a channel to a fresh in-process server hosting {@code services}. */
  public ManagedChannel inProcessChannel(BindableService... services) {
    return startInProcess(builder -> {
      for (BindableService service : services) {
        builder.addService(service);
      }
    }).channel();
  }

  @Override
  public void afterEach(ExtensionContext context) throws InterruptedException {
    List<Resource> toClose;
    synchronized (this) {
      toClose = new ArrayList<>(resources);
      resources.clear();
    }
    if (context.getExecutionException().isPresent()) {
      toClose.forEach(r -> r.shutdownNow.run());
      return;
    }
    toClose.forEach(r -> r.shutdown.run());
    long deadline = System.nanoTime() + timeout.toNanos();
    List<String> stuck = new ArrayList<>();
    for (Resource r : toClose) {
      long left = Math.max(0, deadline - System.nanoTime());
      if (!r.awaitTermination.await(left, TimeUnit.NANOSECONDS)) {
        stuck.add(r.name);
        r.shutdownNow.run();
      }
    }
    if (!stuck.isEmpty()) {
      throw new AssertionError("did not terminate within " + timeout.toMillis()
          + " ms of a graceful shutdown (an unfinished call, or a leak?): " + stuck);
    }
  }

  @FunctionalInterface
  private interface Await {
    boolean await(long time, TimeUnit unit) throws InterruptedException;
  }

  private record Resource(String name, Runnable shutdown, Runnable shutdownNow,
      Await awaitTermination) {}
}
