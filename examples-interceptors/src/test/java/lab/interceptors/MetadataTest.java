package lab.interceptors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.MetadataUtils;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import lab.proto.interceptors.EchoGrpc;
import lab.proto.interceptors.EchoReply;
import lab.proto.interceptors.EchoRequest;
import lab.testing.GrpcCleanupExtension;
import lab.testing.StreamCollector;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class MetadataTest {
  @RegisterExtension
  final GrpcCleanupExtension grpc = new GrpcCleanupExtension();

  private static final byte[] TRACE = {0, 1, 2, (byte) 0xff, 10, 13}; // not valid text
  private EchoStackFixture server;
  private final AtomicReference<Metadata> headers = new AtomicReference<>();
  private final AtomicReference<Metadata> trailers = new AtomicReference<>();

  @BeforeEach
  void start() {
    server = new EchoStackFixture(grpc);
  }

  private EchoGrpc.EchoBlockingStub blockingStub() {
    return EchoGrpc.newBlockingStub(channel());
  }

  private io.grpc.Channel channel() {
    Metadata outgoing = new Metadata();
    outgoing.put(LabMetadata.TRACE_BIN, TRACE);
    return server.as("lab-token-alice",
        MetadataUtils.newCaptureMetadataInterceptor(headers, trailers),
        MetadataUtils.newAttachHeadersInterceptor(outgoing),
        new RequestIdInterceptor(() -> "req-42"));
  }

  @Test
  void theServerReadsTextAndBinaryHeadersAndAnswersWithHeadersAndTrailers() {
    EchoReply reply = blockingStub().say(EchoRequest.newBuilder().setText("hi").build());

    assertEquals("req-42", reply.getRequestId(), "the ASCII header reached the handler");
    assertArrayEquals(TRACE, reply.getTrace().toByteArray(), "binary bytes arrived intact");
    assertEquals("grpc-lab", headers.get().get(LabMetadata.SERVER));
    assertEquals("req-42", headers.get().get(LabMetadata.REQUEST_ID));
    assertNotNull(trailers.get().get(LabMetadata.HANDLED_MS));
  }

  @Test
  void theHandledMsTrailerIsTheServersHandlingTimeNoMoreThanTheClientWaited() {
    long start = System.nanoTime();
    blockingStub().say(EchoRequest.newBuilder().setText("hi").build());
    long clientMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

    // The server's clock runs from when the call reached it until it closed it: inside the
    // client's own wait, on the same JVM's clock.
    long handledMs = Long.parseLong(trailers.get().get(LabMetadata.HANDLED_MS));
    assertTrue(handledMs >= 0 && handledMs <= clientMs,
        "handled-ms " + handledMs + ", the client waited " + clientMs + " ms");
  }

  @Test
  void aFailedCallStillGetsTheServersHeadersAndTrailers() {
    var e = assertThrows(StatusRuntimeException.class,
        () -> blockingStub().say(EchoRequest.getDefaultInstance()));

    assertEquals(Status.Code.INVALID_ARGUMENT, e.getStatus().getCode());
    assertEquals("grpc-lab", headers.get().get(LabMetadata.SERVER));
    assertNotNull(trailers.get().get(LabMetadata.HANDLED_MS));
    assertNotNull(e.getTrailers().get(LabMetadata.HANDLED_MS), "also on the exception");
  }

  @Test
  void aBidiCallCarriesMetadataOnceForTheWholeStream() throws Exception {
    AtomicInteger idsMade = new AtomicInteger();
    Metadata outgoing = new Metadata();
    outgoing.put(LabMetadata.TRACE_BIN, TRACE);
    var channel = server.as("lab-token-alice",
        MetadataUtils.newCaptureMetadataInterceptor(headers, trailers),
        MetadataUtils.newAttachHeadersInterceptor(outgoing),
        new RequestIdInterceptor(() -> "req-" + idsMade.incrementAndGet()));
    StreamCollector<EchoReply> replies = new StreamCollector<>();
    StreamObserver<EchoRequest> requests = EchoGrpc.newStub(channel).chat(replies);

    for (String text : List.of("one", "two", "three")) {
      requests.onNext(EchoRequest.newBuilder().setText(text).build());
      // each reply comes back before the next message leaves: three separate messages
      assertEquals("req-1", replies.next(Duration.ofSeconds(5)).getRequestId());
    }
    requests.onCompleted();

    List<EchoReply> all = replies.awaitReplies(Duration.ofSeconds(5));
    assertEquals(3, all.size());
    all.forEach(r -> assertArrayEquals(TRACE, r.getTrace().toByteArray()));
    assertEquals(1, idsMade.get(), "headers are made once per call, not per message");
    assertEquals("grpc-lab", headers.get().get(LabMetadata.SERVER),
        "the server's headers arrived before its first message");
  }
}
