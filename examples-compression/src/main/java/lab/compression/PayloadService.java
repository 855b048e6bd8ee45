package lab.compression;

import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import lab.proto.compression.DownloadRequest;
import lab.proto.compression.Payload;
import lab.proto.compression.PayloadKind;
import lab.proto.compression.PayloadServiceGrpc;
import lab.proto.compression.UploadReceipt;

/**
 * Sends and receives payloads. Compression is not this class's business, with one exception:
 * the handler is the only place that knows what a response contains, so it is the one that
 * turns compression off for a response gzip cannot shrink (random bytes stand in for JPEG,
 * video or encrypted data). The server-wide choice to gzip is made by
 * {@link GzipResponsesInterceptor}.
 *
 * <p>Both methods are unary with one message each, bounded by {@link Payloads#MAX_SIZE_BYTES}
 * and the server's inbound message limit, so there is no stream to flow-control.
 */
public final class PayloadService extends PayloadServiceGrpc.PayloadServiceImplBase {

  @Override
  public void download(DownloadRequest request, StreamObserver<Payload> responseObserver) {
    if (request.getKind() != PayloadKind.TEXT && request.getKind() != PayloadKind.RANDOM) {
      responseObserver.onError(Status.INVALID_ARGUMENT
          .withDescription("kind must be TEXT or RANDOM, got " + request.getKind())
          .asRuntimeException());
      return;
    }
    if (request.getSizeBytes() < 1 || request.getSizeBytes() > Payloads.MAX_SIZE_BYTES) {
      responseObserver.onError(Status.INVALID_ARGUMENT
          .withDescription("size_bytes must be between 1 and " + Payloads.MAX_SIZE_BYTES
              + ", got " + request.getSizeBytes())
          .asRuntimeException());
      return;
    }
    if (request.getKind() == PayloadKind.RANDOM) {
      // Gzip would spend CPU to make these bytes slightly *bigger*: send this message as is.
      // The call may still say grpc-encoding: gzip; each message carries its own
      // "compressed?" flag, and this one's is 0.
      ((ServerCallStreamObserver<Payload>) responseObserver).setMessageCompression(false);
    }
    responseObserver.onNext(Payload.newBuilder()
        .setKind(request.getKind())
        .setData(Payloads.of(request.getKind(), request.getSizeBytes()))
        .build());
    responseObserver.onCompleted();
  }

  @Override
  public void upload(Payload request, StreamObserver<UploadReceipt> responseObserver) {
    // By the time the handler sees the request it has been decompressed: compression is
    // invisible to application code on both sides.
    responseObserver.onNext(UploadReceipt.newBuilder()
        .setReceivedBytes(request.getData().size())
        .build());
    responseObserver.onCompleted();
  }
}
