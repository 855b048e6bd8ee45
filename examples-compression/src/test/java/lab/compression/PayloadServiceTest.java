package lab.compression;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.concurrent.TimeUnit;
import lab.proto.compression.DownloadRequest;
import lab.proto.compression.PayloadKind;
import lab.proto.compression.PayloadServiceGrpc;
import lab.proto.compression.PayloadServiceGrpc.PayloadServiceBlockingStub;
import lab.testing.GrpcCleanupExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The service itself, without the wire: exact sizes, and bad requests named precisely. */
class PayloadServiceTest {
  @RegisterExtension
  final GrpcCleanupExtension grpc = new GrpcCleanupExtension();

  private PayloadServiceBlockingStub stub;

  @BeforeEach
  void start() {
    stub = PayloadServiceGrpc.newBlockingStub(grpc.inProcessChannel(new PayloadService()))
        .withDeadlineAfter(30, TimeUnit.SECONDS);
  }

  @Test
  void aDownloadCarriesExactlyTheRequestedNumberOfBytesOfTheRequestedKind() {
    var text = stub.download(request(PayloadKind.TEXT, 1000));
    var random = stub.download(request(PayloadKind.RANDOM, 1000));

    assertEquals(1000, text.getData().size());
    assertEquals(PayloadKind.TEXT, text.getKind());
    assertEquals(Payloads.text(1000), text.getData());
    assertEquals(Payloads.random(1000), random.getData());
  }

  @Test
  void aSizeOutOfRangeIsAnInvalidArgumentNamingTheField() {
    var e = assertThrows(StatusRuntimeException.class, () ->
        stub.download(request(PayloadKind.TEXT, 0)));

    assertEquals(Status.Code.INVALID_ARGUMENT, e.getStatus().getCode());
    assertEquals("size_bytes must be between 1 and 1048576, got 0",
        e.getStatus().getDescription());
  }

  @Test
  void bothEndsOfTheRangeTheErrorNamesAreServed() {
    // "between 1 and 1048576" includes both: one byte, and exactly 1 MiB.
    assertEquals(1, stub.download(request(PayloadKind.TEXT, 1)).getData().size());
    assertEquals(Payloads.MAX_SIZE_BYTES,
        stub.download(request(PayloadKind.RANDOM, Payloads.MAX_SIZE_BYTES)).getData().size());
    var e = assertThrows(StatusRuntimeException.class, () ->
        stub.download(request(PayloadKind.TEXT, Payloads.MAX_SIZE_BYTES + 1)));
    assertEquals(Status.Code.INVALID_ARGUMENT, e.getStatus().getCode());
  }

  @Test
  void aMissingKindIsAnInvalidArgumentAndTheServerKeepsServing() {
    var e = assertThrows(StatusRuntimeException.class, () ->
        stub.download(DownloadRequest.newBuilder().setSizeBytes(10).build()));

    assertEquals(Status.Code.INVALID_ARGUMENT, e.getStatus().getCode());
    assertEquals("kind must be TEXT or RANDOM, got PAYLOAD_KIND_UNSPECIFIED",
        e.getStatus().getDescription());
    assertEquals(10, stub.download(request(PayloadKind.RANDOM, 10)).getData().size());
  }

  private static DownloadRequest request(PayloadKind kind, int size) {
    return DownloadRequest.newBuilder().setKind(kind).setSizeBytes(size).build();
  }
}
