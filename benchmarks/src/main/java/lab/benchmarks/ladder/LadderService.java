package lab.benchmarks.ladder;

import com.google.protobuf.ByteString;
import io.grpc.ServerServiceDefinition;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.ServerCalls;
import io.grpc.stub.StreamObserver;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;
import lab.benchmarks.support.BenchService;
import lab.proto.benchmarks.Batch;
import lab.proto.benchmarks.LadderGrpc;
import lab.proto.benchmarks.LadderRequest;

/**
 * The tuning ladder's server: streams {@code count} payloads in messages of {@code batch}
 * payloads, built once per call and re-sent, respecting isReady. Pre-serialized, the same
 * method is registered with a byte[] reply marshaller and the handler sends the bytes of the
 * one message it built; otherwise it sends the message and gRPC serializes it every time.
 */
final class LadderService {
  private LadderService() {}

  static ServerServiceDefinition definition(boolean preSerialized) {
    var method = LadderGrpc.getDownloadMethod();
    if (!preSerialized) {
      return ServerServiceDefinition.builder(LadderGrpc.SERVICE_NAME)
          .addMethod(method, ServerCalls.asyncServerStreamingCall(
              (request, reply) -> stream(request, reply, batch -> batch)))
          .build();
    }
    var bytesOut = method.toBuilder(method.getRequestMarshaller(), PreSerialized.INSTANCE).build();
    return ServerServiceDefinition.builder(LadderGrpc.SERVICE_NAME)
        .addMethod(bytesOut, ServerCalls.asyncServerStreamingCall(
            (request, reply) -> stream(request, reply, Batch::toByteArray)))
        .build();
  }

  private static <T> void stream(LadderRequest request, StreamObserver<T> reply,
      Function<Batch, T> encode) {
    var call = (ServerCallStreamObserver<T>) reply;
    if (request.getOnReadyThreshold() > 0) {
      call.setOnReadyThreshold(request.getOnReadyThreshold());
    }
    if (request.getGzip()) {
      call.setCompression("gzip");
    }
    int batch = Math.max(1, request.getBatch());
    T message = encode.apply(batch(batch, request.getSize()));
    int messages = (request.getCount() + batch - 1) / batch;
    BenchService.sendRepeatedly(call, message, messages);
  }

  /**
   * {@code batch} payloads of {@code size} bytes, each a different slice of JSON-like text:
   * compressible as real records are, not a run of identical bytes that gzip would erase.
   */
  static Batch batch(int batch, int size) {
    StringBuilder text = new StringBuilder(batch * size + 64);
    for (int i = 0; text.length() < batch * size; i++) {
      text.append("{\"id\":").append(i).append(",\"title\":\"Video ").append(i * 7919 % 1000)
          .append("\",\"duration\":").append(60 + i % 240).append("},");
    }
    byte[] bytes = text.toString().getBytes(StandardCharsets.US_ASCII);
    Batch.Builder b = Batch.newBuilder();
    for (int i = 0; i < batch; i++) {
      b.addItems(ByteString.copyFrom(bytes, i * size, size));
    }
    return b.build();
  }
}
