package lab.interceptors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.MetadataUtils;
import io.grpc.stub.StreamObserver;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import lab.proto.interceptors.EchoGrpc;
import lab.proto.interceptors.EchoReply;
import lab.proto.interceptors.EchoRequest;
import lab.testing.GrpcCleanupExtension;
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
    var done = new CompletableFuture<EchoReply>();
    StreamObserver<EchoRequest> requests = EchoGrpc.newStub(channel()).chat(new StreamObserver<>() {
      @Override public void onNext(EchoReply r) {
        done.complete(r);
      }
      @Override public void onError(Throwable t) {
        done.completeExceptionally(t);
      }
      @Override public void onCompleted() {}
    });
    requests.onNext(EchoRequest.newBuilder().setText("one").build());
    EchoReply reply = done.get(5, TimeUnit.SECONDS);
    requests.onCompleted();

    assertEquals("req-42", reply.getRequestId());
    assertArrayEquals(TRACE, reply.getTrace().toByteArray());
    assertEquals("grpc-lab", headers.get().get(LabMetadata.SERVER),
        "headers arrive before the first message");
  }
}
