package lab.streaming;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import lab.common.LabServer;
import lab.proto.flowcontrol.ProduceRequest;
import lab.proto.flowcontrol.Tick;
import lab.proto.flowcontrol.TickerGrpc;
import lab.testing.GrpcCleanupExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The producer/consumer lesson over the in-process transport, where readiness follows the
 * consumer's requests exactly; over Netty the bound is the HTTP/2 windows instead (README).
 */
class FlowControlTest {
  @RegisterExtension
  final GrpcCleanupExtension grpc = new GrpcCleanupExtension();

  private final TickerEvents events = new TickerEvents();
  /** Ticks the consumer is "still processing": completed by the test when it chooses. */
  private final BlockingQueue<CompletableFuture<Void>> processing = new LinkedBlockingQueue<>();
  private final Function<Tick, CompletionStage<?>> neverDone = tick -> {
    var work = new CompletableFuture<Void>();
    processing.add(work);
    return work;
  };

  private static ProduceRequest produce(int count) {
    return ProduceRequest.newBuilder().setCount(count).setPayloadBytes(1024).build();
  }

  @Test
  void aFlowControlledProducerPausesAsSoonAsTheSlowConsumerHasWhatItAskedFor()
      throws Exception {
    ManagedChannel channel = grpc.inProcessChannel(new FlowControlledTicker(events, neverDone));
    var reader = new SlowTickReader(3, neverDone);

    TickerGrpc.newStub(channel).produce(produce(10_000), reader);

    awaitPauseAt(3); // it never runs past the 3 messages asked for
    reader.request(5);
    awaitPauseAt(8); // resumed for 5 more, then paused again
    assertEquals(8, events.produced(), "nothing was produced beyond what was asked for");
    reader.cancel();
  }

  @Test
  void aNaiveProducerWritesEverythingWhileTheConsumerHasAskedForThree() throws Exception {
    ManagedChannel channel = grpc.inProcessChannel(new NaiveTicker(events));
    var reader = new SlowTickReader(3, neverDone);

    TickerGrpc.newStub(channel).produce(produce(2_000), reader);

    // The naive producer finishes at once: 2,000 KiB now sit in memory, waiting, while the
    // reader has taken only the 3 it asked for.
    awaitProduced(2_000);
    awaitReceived(reader, 3); // delivery to the reader is asynchronous
    assertEquals(3, reader.received(), "the reader asked for 3 and got 3; 1,997 are buffered");
    reader.request(2_000); // now drain the backlog
    assertEquals(2_000, reader.done().get(30, TimeUnit.SECONDS));
  }

  @Test
  void aSlowServerConsumerHoldsBackAFastClientProducer() throws Exception {
    ManagedChannel channel = grpc.inProcessChannel(new FlowControlledTicker(events, neverDone));
    var uploader = new TickUploader(1_000);

    TickerGrpc.newStub(channel).consume(uploader);

    Integer pausedAt = uploader.pauses().poll(5, TimeUnit.SECONDS);
    assertNotNull(pausedAt, "the client producer had to wait");
    assertTrue(pausedAt <= 1, "the server asked for 1 message; client sent " + pausedAt);
    for (int finished = 0; finished < 1_000; finished++) { // the server catches up, one by one
      CompletableFuture<Void> work = processing.poll(10, TimeUnit.SECONDS);
      assertNotNull(work, "the server asked for tick " + finished);
      work.complete(null);
    }
    assertEquals(1_000, uploader.summary().get(10, TimeUnit.SECONDS).getReceived());
  }

  @Test
  void aClientThatCancelsMidStreamMakesTheServerStopProducing() throws Exception {
    ManagedChannel channel = grpc.inProcessChannel(new FlowControlledTicker(events, neverDone));
    var reader = new SlowTickReader(10, neverDone);

    TickerGrpc.newStub(channel).produce(produce(10_000), reader);
    assertNotNull(events.pauses().poll(5, TimeUnit.SECONDS));
    reader.cancel();

    assertTrue(events.cancelledLatch().await(5, TimeUnit.SECONDS), "the server saw the cancel");
    int producedAtCancel = events.produced();
    // A whole call on the same server after the cancel: a producer still running would have
    // written more by the time this one has been served.
    assertTrue(!TickerGrpc.newBlockingStub(channel).produce(produce(0)).hasNext());
    assertEquals(producedAtCancel, events.produced(), "nothing produced after the cancel");
    assertTrue(producedAtCancel < 10_000);
  }

  @Test
  void aServerConsumerWhoseProcessingFailsEndsTheCallWithInternalInsteadOfStalling()
      throws Exception {
    Function<Tick, CompletionStage<?>> failOnThird = tick -> tick.getSeq() == 2
        ? CompletableFuture.failedFuture(new IllegalStateException("disk full"))
        : CompletableFuture.completedFuture(null);
    ManagedChannel channel = grpc.inProcessChannel(new FlowControlledTicker(events, failOnThird));
    var uploader = new TickUploader(10);

    TickerGrpc.newStub(channel).consume(uploader);

    Throwable failure = assertThrows(uploader.summary());
    assertEquals(Status.Code.INTERNAL, Status.fromThrowable(failure).getCode());
    assertEquals("processing tick 2 failed: disk full",
        Status.fromThrowable(failure).getDescription());
  }

  @Test
  void aDeadlineOnAStreamEndsItWithDeadlineExceeded() throws Exception {
    ManagedChannel channel = grpc.inProcessChannel(new FlowControlledTicker(events, neverDone));
    var reader = new SlowTickReader(1, neverDone);

    TickerGrpc.newStub(channel).withDeadlineAfter(200, TimeUnit.MILLISECONDS)
        .produce(produce(10_000), reader);

    var failure = assertThrows(reader.done());
    assertEquals(Status.Code.DEADLINE_EXCEEDED, Status.fromThrowable(failure).getCode());
    assertTrue(events.cancelledLatch().await(5, TimeUnit.SECONDS),
        "the server's call was cancelled too");
  }

  @Test
  void aTickMayCarryFromNoPayloadUpToTheMaximumAndNotOneByteMore() throws Exception {
    ManagedChannel channel = grpc.inProcessChannel(new FlowControlledTicker(events, neverDone));
    var ticker = TickerGrpc.newBlockingStub(channel).withDeadlineAfter(30, TimeUnit.SECONDS);

    // "payload_bytes must be 0..MAX": both ends included.
    assertEquals(0, ticker.produce(ProduceRequest.newBuilder().setCount(1).build()).next()
        .getPayload().size());
    assertEquals(Ticks.MAX_PAYLOAD_BYTES, ticker.produce(ProduceRequest.newBuilder().setCount(1)
        .setPayloadBytes(Ticks.MAX_PAYLOAD_BYTES).build()).next().getPayload().size());
    var e = org.junit.jupiter.api.Assertions.assertThrows(StatusRuntimeException.class,
        () -> ticker.produce(ProduceRequest.newBuilder().setCount(1)
            .setPayloadBytes(Ticks.MAX_PAYLOAD_BYTES + 1).build()).hasNext());
    assertEquals(Status.Code.INVALID_ARGUMENT, e.getStatus().getCode());
  }

  @Test
  void anUploaderSendsExactlyItsCountThenHalfCloses() throws Exception {
    // Over Netty, where 3 small ticks fit the HTTP/2 window: the stream stays ready, so only
    // the uploader's count stops it (in-process, readiness would stop it after each tick).
    LabServer server = LabServer.onPort(0).addService(new FlowControlledTicker(events,
        tick -> CompletableFuture.completedFuture(null))).start();
    grpc.register(server.server());
    ManagedChannel channel = grpc.register(ManagedChannelBuilder
        .forAddress("127.0.0.1", server.port()).usePlaintext().build());
    var uploader = new TickUploader(3);

    TickerGrpc.newStub(channel).consume(uploader);

    assertEquals(3, uploader.summary().get(10, TimeUnit.SECONDS).getReceived());
  }

  @Test
  void aNegativeCountIsInvalidArgumentNamingTheField() throws Exception {
    ManagedChannel channel = grpc.inProcessChannel(new FlowControlledTicker(events, neverDone));

    var e = org.junit.jupiter.api.Assertions.assertThrows(StatusRuntimeException.class,
        () -> TickerGrpc.newBlockingStub(channel)
            .produce(ProduceRequest.newBuilder().setCount(-1).build()).hasNext());

    assertEquals(Status.Code.INVALID_ARGUMENT, e.getStatus().getCode());
    assertEquals("count must not be negative, was -1", e.getStatus().getDescription());
  }

  private static Throwable assertThrows(CompletableFuture<?> future) throws Exception {
    try {
      future.get(10, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      return e.getCause();
    }
    throw new AssertionError("expected the stream to fail");
  }

  /**
   * Waits until the producer pauses having produced exactly {@code expected} messages; fails
   * if it ever pauses beyond it. (It may pause more than once on the way: readiness can flip
   * before the consumer's requests arrive.)
   */
  private void awaitPauseAt(int expected) throws InterruptedException {
    while (true) {
      Integer pausedAt = events.pauses().poll(5, TimeUnit.SECONDS);
      assertNotNull(pausedAt, "the producer paused at " + expected);
      assertTrue(pausedAt <= expected, "ran ahead of the consumer: paused at " + pausedAt);
      if (pausedAt == expected) {
        return;
      }
    }
  }

  /** Waits (bounded) until the reader has {@code count} ticks; it never gets more unasked. */
  private static void awaitReceived(SlowTickReader reader, int count) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (reader.received() < count) {
      assertTrue(System.nanoTime() < deadline, "received only " + reader.received());
      Thread.onSpinWait();
    }
  }

  /** The naive producer finishes within milliseconds; spin briefly rather than sleep. */
  private void awaitProduced(int count) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (events.produced() < count) {
      assertTrue(System.nanoTime() < deadline, "produced only " + events.produced());
      Thread.onSpinWait();
    }
  }
}
