package lab.interop;

import static lab.interop.ServerUnderTest.CALL_BOUND;

import com.google.common.util.concurrent.ListenableFuture;
import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import lab.proto.interop.SimpleResponse;
import lab.proto.interop.TestServiceGrpc;

/** Many calls: at once on one channel, in sequence for a bounded soak, under a stream limit. */
final class LoadCases {
  static final int CONCURRENT_CALLS = 1000;
  static final int MAX_STREAMS_CALLS = 10;

  private LoadCases() {}

  static void concurrentLargeUnary(ServerUnderTest server) throws Exception {
    largeUnariesAtOnce(server.channel(), CONCURRENT_CALLS);
  }

  /**
   * Meant for a server started with MAX_CONCURRENT_STREAMS 1 (every peer's
   * --max_concurrent_streams 1): the client must queue its calls instead of failing them.
   */
  static void maxStreams(ServerUnderTest server) throws Exception {
    // The first call lets the server's SETTINGS (the limit) reach the client.
    BasicCases.largeUnary(server);
    largeUnariesAtOnce(server.channel(), MAX_STREAMS_CALLS);
  }

  private static void largeUnariesAtOnce(ManagedChannel channel, int calls) throws Exception {
    TestServiceGrpc.TestServiceFutureStub stub = TestServiceGrpc.newFutureStub(channel)
        .withDeadlineAfter(CALL_BOUND.toMillis() * 4, TimeUnit.MILLISECONDS);
    List<ListenableFuture<SimpleResponse>> replies = new ArrayList<>();
    for (int i = 0; i < calls; i++) {
      replies.add(stub.unaryCall(BasicCases.largeRequest()));
    }
    for (ListenableFuture<SimpleResponse> reply : replies) {
      BasicCases.checkLargeReply(reply.get(CALL_BOUND.toMillis() * 5, TimeUnit.MILLISECONDS));
    }
  }

  static void rpcSoak(ServerUnderTest server) throws Exception {
    soak(server, () -> server.channel(), false);
  }

  static void channelSoak(ServerUnderTest server) throws Exception {
    soak(server, server::newChannel, true);
  }

  /**
   * large_unary over and over. A call fails the soak if it fails or takes longer than the
   * per-call bound; the soak fails if more than maxFailures calls did, or if it ran out of
   * its overall time before doing every iteration (so it always stops by itself).
   */
  private static void soak(ServerUnderTest server, Supplier<ManagedChannel> channels,
      boolean freshChannel) throws Exception {
    ServerUnderTest.Soak soak = server.soak;
    long deadline = System.nanoTime() + soak.overall().toNanos();
    int done = 0;
    List<String> failures = new ArrayList<>();
    while (done < soak.iterations() && System.nanoTime() < deadline) {
      ManagedChannel channel = channels.get();
      long start = System.nanoTime();
      try {
        BasicCases.checkLargeReply(TestServiceGrpc.newBlockingStub(channel)
            .withDeadlineAfter(CALL_BOUND.toMillis(), TimeUnit.MILLISECONDS)
            .unaryCall(BasicCases.largeRequest()));
        long ms = (System.nanoTime() - start) / 1_000_000;
        if (ms > soak.perCallLatency().toMillis()) {
          failures.add("call " + done + " took " + ms + " ms");
        }
      } catch (StatusRuntimeException | AssertionError e) {
        failures.add("call " + done + ": " + e.getMessage());
      } finally {
        if (freshChannel) {
          ServerUnderTest.close(channel);
        }
      }
      done++;
    }
    Expect.that(failures.size() <= soak.maxFailures(),
        failures.size() + " of " + done + " calls failed (" + soak.maxFailures() + " allowed): "
            + failures.subList(0, Math.min(3, failures.size())));
    Expect.equal(soak.iterations(), done, "iterations done within " + soak.overall());
  }
}
