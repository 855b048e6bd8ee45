package lab.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.ServerInterceptors;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import lab.proto.network.Beat;
import lab.proto.network.BeatsRequest;
import lab.proto.network.Chunk;
import lab.proto.network.Content;
import lab.proto.network.DownloadRequest;
import lab.proto.network.PulseGrpc;
import lab.proto.network.WhoamiRequest;
import lab.testing.GrpcCleanupExtension;
import lab.testing.StreamCollector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The Pulse service itself, in process (no network, no root): what each call sends, that bad
 * requests get INVALID_ARGUMENT naming the field, and that a stalled reader makes the server
 * skip beats rather than queue them.
 */
class PulseServiceTest {
  @RegisterExtension
  final GrpcCleanupExtension grpc = new GrpcCleanupExtension();

  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
  private PulseGrpc.PulseBlockingStub blocking;
  private PulseGrpc.PulseStub async;

  @BeforeEach
  void start() {
    var channel = grpc.startInProcess(builder -> builder.addService(ServerInterceptors
        .intercept(new PulseService("host-a", timer), new CallerAddress()))).channel();
    blocking = PulseGrpc.newBlockingStub(channel);
    async = PulseGrpc.newStub(channel);
  }

  @AfterEach
  void stop() {
    timer.shutdownNow();
  }

  @Test
  void whoamiNamesTheHostAndTheCallersAddressAfterTheDelayAsked() {
    var host = blocking.whoami(WhoamiRequest.getDefaultInstance());
    assertEquals("host-a", host.getName());
    assertTrue(!host.getCaller().isEmpty(), "the transport's remote address, as text");

    long began = System.nanoTime();
    blocking.whoami(WhoamiRequest.newBuilder().setDelayMs(200).build());
    assertTrue(System.nanoTime() - began >= 190_000_000L, "answered no sooner than asked");
  }

  @Test
  void badRequestsAreInvalidArgumentsNamingTheField() {
    assertInvalid("delay_ms must be 0..60000, got 60001", () ->
        blocking.whoami(WhoamiRequest.newBuilder().setDelayMs(60_001).build()));
    assertInvalid("delay_ms must be 0..60000, got -1", () ->
        blocking.whoami(WhoamiRequest.newBuilder().setDelayMs(-1).build()));
    assertInvalid("interval_ms must be 10..60000 (0 = 200) and count >= 0, got 9 and 0", () ->
        blocking.beats(BeatsRequest.newBuilder().setIntervalMs(9).build()).hasNext());
    assertInvalid("interval_ms must be 10..60000 (0 = 200) and count >= 0, got 60001 and 0",
        () -> blocking.beats(BeatsRequest.newBuilder().setIntervalMs(60_001).build()).hasNext());
    assertInvalid("interval_ms must be 10..60000 (0 = 200) and count >= 0, got 10 and -1", () ->
        blocking.beats(BeatsRequest.newBuilder().setIntervalMs(10).setCount(-1).build())
            .hasNext());
    assertInvalid("bytes must be 1..67108864 and chunk_bytes 0..1048576, got 0 and 0", () ->
        blocking.download(DownloadRequest.newBuilder().build()).hasNext());
    assertInvalid("bytes must be 1..67108864 and chunk_bytes 0..1048576, got 67108865 and 0",
        () -> blocking.download(DownloadRequest.newBuilder().setBytes(Downloads.MAX_BYTES + 1)
            .build()).hasNext());
    assertInvalid("bytes must be 1..67108864 and chunk_bytes 0..1048576, got 1 and 1048577",
        () -> blocking.download(DownloadRequest.newBuilder().setBytes(1)
            .setChunkBytes(Downloads.MAX_CHUNK + 1).build()).hasNext());
    assertInvalid("bytes must be 1..67108864 and chunk_bytes 0..1048576, got 1 and -1",
        () -> blocking.download(DownloadRequest.newBuilder().setBytes(1).setChunkBytes(-1)
            .build()).hasNext());
  }

  @Test
  void theEdgesOfEachRangeAreServed() {
    assertEquals("host-a", blocking.whoami(WhoamiRequest.newBuilder().setDelayMs(0).build())
        .getName());
    assertEquals(1, count(blocking.beats(BeatsRequest.newBuilder().setIntervalMs(10)
        .setCount(1).build())));
    assertEquals(1, bytes(blocking.download(DownloadRequest.newBuilder().setBytes(1)
        .setChunkBytes(1).build())));
    assertEquals(Downloads.MAX_CHUNK, bytes(blocking.download(DownloadRequest.newBuilder()
        .setBytes(Downloads.MAX_CHUNK).setChunkBytes(Downloads.MAX_CHUNK).build())));
  }

  @Test
  void theLongestDelayAndIntervalAreAcceptedNotRefused() throws Exception {
    var e = assertThrows(StatusRuntimeException.class, () -> blocking
        .withDeadlineAfter(200, java.util.concurrent.TimeUnit.MILLISECONDS)
        .whoami(WhoamiRequest.newBuilder().setDelayMs(60_000).build()));
    assertEquals(Status.Code.DEADLINE_EXCEEDED, e.getStatus().getCode(), "it was waiting");

    ManualTicks ticks = new ManualTicks();
    var channel = grpc.startInProcess(builder -> builder.addService(
        new PulseService("host-b", ticks))).channel();
    StreamCollector<Beat> reader = StreamCollector.readingOnly(1);
    PulseGrpc.newStub(channel).beats(BeatsRequest.newBuilder().setIntervalMs(60_000)
        .setCount(1).build(), reader);
    ticks.awaitScheduled(); // refused, it would never have scheduled its ticks
    ticks.run(1);
    reader.done().get(30, java.util.concurrent.TimeUnit.SECONDS);
    ticks.shutdownNow();
  }

  @Test
  void aSlowWhoamiCancelledByItsDeadlineStopsItsTimer() throws Exception {
    ManualTicks timer = new ManualTicks();
    var channel = grpc.startInProcess(builder -> builder.addService(
        new PulseService("host-b", timer))).channel();
    assertThrows(StatusRuntimeException.class, () -> PulseGrpc.newBlockingStub(channel)
        .withDeadlineAfter(100, java.util.concurrent.TimeUnit.MILLISECONDS)
        .whoami(WhoamiRequest.newBuilder().setDelayMs(60_000).build()));
    timer.awaitCancelled(); // not left holding the reply for a minute
    timer.shutdownNow();
  }

  @Test
  void beatsComeInOrderFromTheHostAndTheStreamEndsAfterCount() throws Exception {
    ManualTicks ticks = new ManualTicks();
    var channel = grpc.startInProcess(builder -> builder.addService(
        new PulseService("host-b", ticks))).channel();
    StreamCollector<Beat> reader = StreamCollector.readingOnly(100); // always ready for more
    PulseGrpc.newStub(channel).beats(BeatsRequest.newBuilder().setIntervalMs(10).setCount(5)
        .build(), reader);
    ticks.awaitScheduled();

    ticks.run(5);
    reader.done().get(30, java.util.concurrent.TimeUnit.SECONDS);
    assertEquals(List.of(1, 2, 3, 4, 5), reader.replies().stream().map(Beat::getIndex).toList());
    assertTrue(reader.replies().stream().allMatch(b -> b.getHost().equals("host-b")));
    assertTrue(ticks.cancelled(), "the timer stops with the stream");
    ticks.shutdownNow();
  }

  @Test
  void aCancelledStreamStopsItsTimer() throws Exception {
    ManualTicks ticks = new ManualTicks();
    var channel = grpc.startInProcess(builder -> builder.addService(
        new PulseService("host-b", ticks))).channel();
    StreamCollector<Beat> reader = StreamCollector.readingOnly(100);
    PulseGrpc.newStub(channel).beats(BeatsRequest.getDefaultInstance(), reader); // endless
    ticks.awaitScheduled();
    ticks.run(3);
    assertEquals(1, reader.next(Duration.ofSeconds(10)).getIndex());

    reader.cancel("the viewer closed the page");
    ticks.awaitCancelled();
    ticks.shutdownNow();
  }

  @Test
  void aReaderThatStopsReadingMissesBeatsInsteadOfHavingThemQueued() throws Exception {
    ManualTicks ticks = new ManualTicks();
    var channel = grpc.startInProcess(builder -> builder.addService(
        new PulseService("host-b", ticks))).channel();
    StreamCollector<Beat> reader = StreamCollector.readingOnly(1);
    PulseGrpc.newStub(channel).beats(BeatsRequest.newBuilder().setIntervalMs(10).setCount(60)
        .build(), reader);
    ticks.awaitScheduled();

    ticks.run(1);
    assertEquals(1, reader.next(Duration.ofSeconds(10)).getIndex());
    // The reader asked for one beat and has it: these 49 find the call not ready. In process
    // a call is ready while the client has asked for more; over Netty, while the transport's
    // buffer and the HTTP/2 window have room, so a slow reader fills those first.
    ticks.run(49);
    reader.request(100);
    ticks.run(10);
    reader.done().get(30, java.util.concurrent.TimeUnit.SECONDS);

    assertEquals(List.of(1, 51, 52, 53, 54, 55, 56, 57, 58, 59, 60),
        reader.replies().stream().map(Beat::getIndex).toList(),
        "beats 2 to 50 were skipped, not queued; the stream still ends at its count");
    ticks.shutdownNow();
  }

  @Test
  void aDownloadCarriesExactlyTheBytesAskedInChunksOfTheSizeAsked() {
    for (Content content : List.of(Content.CONTENT_TEXT, Content.CONTENT_RANDOM)) {
      List<Chunk> chunks = new ArrayList<>();
      blocking.download(DownloadRequest.newBuilder().setBytes(100_000).setChunkBytes(30_000)
          .setContent(content).build()).forEachRemaining(chunks::add);
      assertEquals(List.of(30_000, 30_000, 30_000, 10_000),
          chunks.stream().map(c -> c.getData().size()).toList());
    }
    assertEquals(65_536, blocking.download(DownloadRequest.newBuilder().setBytes(70_000).build())
        .next().getData().size(), "0 means 64 KiB chunks");
  }

  @Test
  void aDownloadLongerThanTheSourceBlockGoesRoundItAndTheLargestIsServed() {
    // chunks of 700,000 bytes: the second one crosses the end of the 1 MiB block
    byte[] all = new byte[1_400_000];
    int at = 0;
    for (var chunks = blocking.download(DownloadRequest.newBuilder().setBytes(all.length)
        .setChunkBytes(700_000).build()); chunks.hasNext(); ) {
      byte[] data = chunks.next().getData().toByteArray();
      System.arraycopy(data, 0, all, at, data.length);
      at += data.length;
    }
    assertEquals(all.length, at);
    for (int i = 1 << 20; i < all.length; i++) {
      assertEquals(all[i - (1 << 20)], all[i], "the block starts over at byte " + i);
    }
    assertEquals(Downloads.MAX_BYTES, bytes(blocking.download(DownloadRequest.newBuilder()
        .setBytes(Downloads.MAX_BYTES).setChunkBytes(Downloads.MAX_CHUNK).build())));
  }

  @Test
  void textIsLogLinesAndRandomIsNot() {
    String text = blocking.download(DownloadRequest.newBuilder().setBytes(1_000).build()).next()
        .getData().toStringUtf8();
    assertTrue(text.startsWith("2026-12-04T10:15:30Z INFO video-service request_id="), text);
    byte[] random = blocking.download(DownloadRequest.newBuilder().setBytes(1_000)
        .setContent(Content.CONTENT_RANDOM).build()).next().getData().toByteArray();
    long printable = 0;
    for (byte b : random) {
      printable += b >= 32 && b < 127 ? 1 : 0;
    }
    assertTrue(printable < 600, "random bytes are mostly not text: " + printable);
  }

  private static int count(java.util.Iterator<?> replies) {
    int n = 0;
    for (; replies.hasNext(); replies.next()) {
      n++;
    }
    return n;
  }

  private static long bytes(java.util.Iterator<Chunk> chunks) {
    long n = 0;
    while (chunks.hasNext()) {
      n += chunks.next().getData().size();
    }
    return n;
  }

  private static void assertInvalid(String message, Runnable call) {
    var e = assertThrows(StatusRuntimeException.class, call::run);
    assertEquals(Status.Code.INVALID_ARGUMENT, e.getStatus().getCode());
    assertEquals(message, e.getStatus().getDescription());
  }
}
