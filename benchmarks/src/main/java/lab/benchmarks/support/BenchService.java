package lab.benchmarks.support;

import com.google.protobuf.ByteString;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.nio.charset.StandardCharsets;
import lab.proto.benchmarks.Ack;
import lab.proto.benchmarks.BenchGrpc;
import lab.proto.benchmarks.Chunk;
import lab.proto.benchmarks.DownloadRequest;

/**
 * The service under measurement. Chunks are built once per call and re-sent, so the numbers
 * measure gRPC (framing, serialization, transport, threads), not payload generation.
 *
 * <p>Flow control, on purpose per method: Download respects isReady unless the request asks
 * for the naive style, which exists only to be measured against it (ProducerStyleBenchmark,
 * RetainedMemoryUnderSlowConsumer). Upload reads with grpc-java's automatic requests: each
 * chunk is counted and dropped, so nothing accumulates. Echo answers each chunk at once
 * without checking readiness, which is safe only because the benchmark client is a strict
 * ping-pong (one chunk in flight); a public service would gate reads on readiness, as
 * lab-services' VideoService.getVideo does. This service never faces untrusted clients.
 */
public final class BenchService extends BenchGrpc.BenchImplBase {
  @Override
  public void download(DownloadRequest request, StreamObserver<Chunk> reply) {
    Chunk chunk = Chunk.newBuilder().setData(payload(request.getSize(), request.getText())).build();
    int count = request.getCount();
    if (!request.getFlowControlled()) {
      for (int i = 0; i < count; i++) {
        reply.onNext(chunk); // naive: ignores isReady, everything queues in the transport
      }
      reply.onCompleted();
      return;
    }
    sendRepeatedly((ServerCallStreamObserver<Chunk>) reply, chunk, count);
  }

  /**
   * Sends {@code message} {@code count} times, only while the call is ready (resuming when
   * it is ready again), then completes the call: the flow-controlled producer.
   */
  public static <T> void sendRepeatedly(ServerCallStreamObserver<T> call, T message, int count) {
    int[] sent = {0};
    Runnable drain = () -> {
      while (call.isReady() && sent[0] < count) {
        call.onNext(message);
        sent[0]++;
      }
      if (sent[0] == count) {
        sent[0]++; // complete once
        call.onCompleted();
      }
    };
    call.setOnReadyHandler(drain);
    drain.run();
  }

  @Override
  public StreamObserver<Chunk> upload(StreamObserver<Ack> reply) {
    return new StreamObserver<>() {
      private long received;

      @Override public void onNext(Chunk chunk) {
        received++;
      }
      @Override public void onError(Throwable t) {}
      @Override public void onCompleted() {
        reply.onNext(Ack.newBuilder().setReceived(received).build());
        reply.onCompleted();
      }
    };
  }

  @Override
  public StreamObserver<Chunk> echo(StreamObserver<Chunk> reply) {
    return new StreamObserver<>() {
      @Override public void onNext(Chunk chunk) {
        reply.onNext(chunk);
      }
      @Override public void onError(Throwable t) {}
      @Override public void onCompleted() {
        reply.onCompleted();
      }
    };
  }

  /** {@code size} bytes: zeros, or repetitive JSON-like text that gzip shrinks well. */
  public static ByteString payload(int size, boolean text) {
    if (!text) {
      return ByteString.copyFrom(new byte[size]);
    }
    StringBuilder s = new StringBuilder(size + 64);
    for (int i = 0; s.length() < size; i++) {
      s.append("{\"id\":").append(i).append(",\"title\":\"Sample Video\",\"duration\":120},");
    }
    return ByteString.copyFrom(s.substring(0, size), StandardCharsets.US_ASCII);
  }
}
