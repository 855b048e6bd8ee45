package lab.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Status;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import lab.common.LabServer;
import lab.proto.routeguide.Point;
import lab.proto.routeguide.RouteGuideGrpc;
import lab.proto.routeguide.RouteNote;
import lab.routeguide.FeatureDatabase;
import lab.services.RouteGuideStreamingService;
import lab.testing.GrpcCleanupExtension;
import lab.testing.MemoryMeter;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * RouteChat against clients that send large or many notes, over a real connection. The
 * service keeps notes after callers leave (that is the lesson: the next caller at a place sees
 * them), so what it keeps has to be bounded in bytes, not only in count: before, 200 notes of
 * 1 MB stayed on the heap after the call (204 MB), and a 2-byte note to a place holding ten
 * 4 MB notes got a 40 MB reply. Now a note is at most 1 KiB (INVALID_ARGUMENT past it), all
 * notes together at most 8 MiB, and so a reply at most 10 KiB. What stays is measured as live
 * heap after the call (the service's own objects; Netty's pools keep direct memory for reuse).
 */
class RouteChatFloodTest {
  private static final Duration WAIT = Duration.ofSeconds(60);

  @RegisterExtension
  final GrpcCleanupExtension grpc = new GrpcCleanupExtension();
  private RouteGuideGrpc.RouteGuideStub chat;

  @BeforeEach
  void start() throws Exception {
    LabServer server = LabServer.onPort(0)
        .addService(new RouteGuideStreamingService(new FeatureDatabase(List.of()))).start();
    grpc.register(server.server());
    ManagedChannel channel = grpc.register(ManagedChannelBuilder
        .forAddress("127.0.0.1", server.port()).usePlaintext().build());
    chat = RouteGuideGrpc.newStub(channel);
  }

  @Test
  void aNoteOfOneMegabyteIsRefusedWithInvalidArgumentAndNothingOfItIsKept() throws Exception {
    long before = MemoryMeter.heapBytes();
    Chat result = chat(Stream.generate(() -> note(1, "x".repeat(1 << 20))).limit(200).iterator());
    assertEquals(Status.Code.INVALID_ARGUMENT, result.status().getCode(), result.toString());
    assertEquals(0, result.replies(), "refused at the first note");
    long kept = MemoryMeter.heapBytes() - before;
    System.out.printf("200 notes of 1 MiB: %s; kept %s after the call%n", result,
        MemoryMeter.mib(kept));
    assertTrue(kept < 8L << 20, MemoryMeter.mib(kept) + " of heap kept after the call: nothing"
        + " of the refused notes (before: 204 MB)");
  }

  @Test
  void notesOfTheLargestSizeAtTwentyThousandPlacesAreKeptWithinEightMebibytesAndEveryReplyIsSmall()
      throws Exception {
    String largest = "y".repeat(RouteGuideStreamingService.MAX_NOTE_BYTES - 16);
    long before = MemoryMeter.heapBytes();
    // 20,000 notes of about 1 KiB (20 MB): each place gets ten, more than the byte bound holds
    Chat fill = chat(IntStream.range(0, 20_000).mapToObj(n -> note(n / 10, largest)).iterator());
    assertEquals(Status.Code.OK, fill.status().getCode(), fill.toString());
    long kept = MemoryMeter.heapBytes() - before; // the call has ended: this is what stays
    // a short note at a full place: answered with at most its ten notes of 1 KiB
    Chat one = chat(List.of(note(1_999, "hi")).iterator());
    System.out.printf("20,000 notes of 1 KiB: %s; kept %s after the call; a short note's"
        + " reply: %s%n", fill, MemoryMeter.mib(kept), one);

    assertTrue(fill.largestReplyBytes() <= RouteGuideStreamingService.MAX_NOTE_BYTES,
        fill.toString());
    assertTrue(kept < RouteGuideStreamingService.NOTES_MAX_BYTES * 2, MemoryMeter.mib(kept)
        + " kept: the notes' 8 MiB bound and their objects (before: every byte, unbounded)");
    assertEquals(RouteGuideStreamingService.NOTES_PER_LOCATION, one.replies(), one.toString());
    assertTrue(one.replyBytes() <= 10 * RouteGuideStreamingService.MAX_NOTE_BYTES,
        one.toString());
  }

  private record Chat(Status status, int replies, long replyBytes, int largestReplyBytes) {}

  /** Sends {@code notes} as the call is ready for them (flow control), reading every reply. */
  private Chat chat(Iterator<RouteNote> notes) throws Exception {
    CompletableFuture<Chat> done = new CompletableFuture<>();
    chat.withDeadlineAfter(WAIT.toSeconds(), TimeUnit.SECONDS).routeChat(
        new ClientResponseObserver<RouteNote, RouteNote>() {
          private int replies;
          private long bytes;
          private int largest;
          private boolean finished;

          @Override
          public void beforeStart(ClientCallStreamObserver<RouteNote> call) {
            call.setOnReadyHandler(() -> {
              while (call.isReady() && notes.hasNext()) {
                call.onNext(notes.next());
              }
              if (!notes.hasNext() && !finished) {
                finished = true;
                call.onCompleted();
              }
            });
          }

          @Override
          public void onNext(RouteNote reply) {
            replies++;
            bytes += reply.getSerializedSize();
            largest = Math.max(largest, reply.getSerializedSize());
          }

          @Override
          public void onError(Throwable t) {
            done.complete(new Chat(Status.fromThrowable(t), replies, bytes, largest));
          }

          @Override
          public void onCompleted() {
            done.complete(new Chat(Status.OK, replies, bytes, largest));
          }
        });
    return done.get(WAIT.toSeconds() + 10, TimeUnit.SECONDS);
  }

  private static RouteNote note(int place, String message) {
    return RouteNote.newBuilder().setMessage(message)
        .setLocation(Point.newBuilder().setLatitude(place).setLongitude(place)).build();
  }
}
