package lab.loadbalancing;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.ManagedChannel;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import lab.proto.loadbalancing.BackendGrpc;
import lab.proto.loadbalancing.WhoamiRequest;
import lab.testing.GrpcCleanupExtension;

/** Test support: backends on free loopback ports, and counted calls. */
final class TestBackends {
  private TestBackends() {}

  /** backend-1..backend-N on free ports, registered for shutdown after the test. */
  static List<Backend> start(GrpcCleanupExtension grpc, int count) throws IOException {
    return start(grpc, 1, count, null, null);
  }

  static List<Backend> start(GrpcCleanupExtension grpc, int first, int count, Duration maxAge,
      Duration grace) throws IOException {
    List<Backend> backends = new ArrayList<>();
    for (int i = first; i < first + count; i++) {
      Backend backend = Backend.start("backend-" + i, 0, maxAge, grace);
      grpc.register(backend.server().server());
      backends.add(backend);
    }
    return backends;
  }

  static List<InetSocketAddress> addresses(List<Backend> backends) {
    return backends.stream().map(Backend::address).toList();
  }

  static List<String> names(List<Backend> backends) {
    return backends.stream().map(Backend::name).toList();
  }

  /** {@code calls} calls one after another on {@code channel}; any failure fails the test. */
  static Spread call(ManagedChannel channel, int calls) {
    Spread spread = new Spread();
    var stub = BackendGrpc.newBlockingStub(channel);
    for (int i = 0; i < calls; i++) {
      spread.record(stub.withDeadlineAfter(20, TimeUnit.SECONDS)
          .whoami(WhoamiRequest.getDefaultInstance()).getBackend());
    }
    return spread;
  }

  /**
   * Calls until {@code backend} has served one, within 20 s: a balancer reacts to a change
   * (a new address, a health status) asynchronously, and this is how a test waits for it.
   */
  static void awaitServedBy(ManagedChannel channel, String backend) {
    awaitServedBy(channel, backend, Duration.ofSeconds(20));
  }

  /** Calls until each of {@code backends} has served one: every connection is READY. */
  static void awaitEachServed(ManagedChannel channel, List<Backend> backends) {
    for (Backend backend : backends) {
      awaitServedBy(channel, backend.name());
    }
  }

  /** The same, within {@code bound}: for a change the lesson times in seconds. */
  static void awaitServedBy(ManagedChannel channel, String backend, Duration bound) {
    long deadline = System.nanoTime() + bound.toNanos();
    var stub = BackendGrpc.newBlockingStub(channel);
    while (!stub.withDeadlineAfter(20, TimeUnit.SECONDS)
        .whoami(WhoamiRequest.getDefaultInstance()).getBackend().equals(backend)) {
      assertTrue(System.nanoTime() < deadline, backend + " served no call within " + bound);
    }
  }

  /** Calls until {@code n} calls in a row avoided {@code backend}, within 20 s. */
  static void awaitAvoided(ManagedChannel channel, String backend, int n) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    var stub = BackendGrpc.newBlockingStub(channel);
    int inARow = 0;
    while (inARow < n) {
      assertTrue(System.nanoTime() < deadline, backend + " still served calls after 20 s");
      boolean hit = stub.withDeadlineAfter(20, TimeUnit.SECONDS)
          .whoami(WhoamiRequest.getDefaultInstance()).getBackend().equals(backend);
      inARow = hit ? 0 : inARow + 1;
    }
  }

  /** Asserts that {@code backend} served {@code expected} calls, give or take {@code slack}. */
  static void assertAbout(Spread spread, String backend, long expected, long slack) {
    long n = spread.count(backend);
    assertTrue(Math.abs(n - expected) <= slack, backend + " served " + n + " calls, expected "
        + expected + " +-" + slack + "; spread " + spread);
  }
}
