package lab.network;

import com.google.protobuf.ByteString;
import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.SplittableRandom;
import lab.idioms.FlowControlledWriter;
import lab.proto.network.Chunk;
import lab.proto.network.Content;
import lab.proto.network.DownloadRequest;

/**
 * The Download call: chunks made as the reader takes them (FlowControlledWriter), so a 64 MiB
 * download over a 1 Mbit/s link holds one window of it in the server, not all of it.
 */
final class Downloads {
  static final int MAX_BYTES = 64 * 1024 * 1024;
  static final int MAX_CHUNK = 1024 * 1024;
  private static final String LINE = "2026-12-04T10:15:30Z INFO video-service request_id=%08x"
      + " method=/video.VideoService/ListVideos status=OK duration_ms=%d user=viewer-%d\n";

  private Downloads() {}

  static void serve(DownloadRequest request, StreamObserver<Chunk> reply) {
    int chunk = request.getChunkBytes() == 0 ? 65_536 : request.getChunkBytes();
    if (request.getBytes() < 1 || request.getBytes() > MAX_BYTES || chunk < 1
        || chunk > MAX_CHUNK) {
      reply.onError(Status.INVALID_ARGUMENT.withDescription("bytes must be 1.." + MAX_BYTES
          + " and chunk_bytes 0.." + MAX_CHUNK + ", got " + request.getBytes() + " and "
          + request.getChunkBytes()).asRuntimeException());
      return;
    }
    if (request.getGzip()) {
      var call = (ServerCallStreamObserver<Chunk>) reply;
      call.setCompression("gzip"); // for every reply of this call
    }
    FlowControlledWriter<Chunk> writer = FlowControlledWriter.install(reply);
    writer.send(chunks(request.getBytes(), chunk, request.getContent()));
    writer.complete();
  }

  private static Iterator<Chunk> chunks(int total, int size, Content content) {
    byte[] source = content == Content.CONTENT_RANDOM ? RANDOM_BYTES : TEXT_BYTES;
    return new Iterator<>() {
      private int left = total;
      private int at;

      @Override
      public boolean hasNext() {
        return left > 0;
      }

      @Override
      public Chunk next() {
        if (left == 0) {
          throw new NoSuchElementException();
        }
        byte[] data = new byte[Math.min(size, left)];
        for (int filled = 0; filled < data.length; ) {
          int n = Math.min(data.length - filled, source.length - at);
          System.arraycopy(source, at, data, filled, n);
          filled += n;
          at = (at + n) % source.length;
        }
        left -= data.length;
        return Chunk.newBuilder().setData(ByteString.copyFrom(data)).build();
      }
    };
  }

  /**
   * 1 MiB of each kind, made once and sent round and round, so the server's cost is a copy and
   * the link or gzip is what a download measures. gzip looks back 32 KiB at most, so repeating
   * a 1 MiB block does not make random bytes compressible.
   */
  private static final byte[] TEXT_BYTES = logLines(1 << 20);
  private static final byte[] RANDOM_BYTES = random(1 << 20);

  /** Log lines that differ a little from one to the next, as real ones do. */
  private static byte[] logLines(int size) {
    StringBuilder text = new StringBuilder(size + 200);
    for (long line = 0; text.length() < size; line++) {
      text.append(String.format(LINE, line * 7919, line % 250, line % 97));
    }
    return text.substring(0, size).getBytes(StandardCharsets.US_ASCII);
  }

  private static byte[] random(int size) {
    byte[] bytes = new byte[size];
    new SplittableRandom(42).nextBytes(bytes);
    return bytes;
  }
}
