package lab.check;

import io.grpc.CallOptions;
import io.grpc.ManagedChannel;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ClientCalls;
import io.netty.handler.codec.http2.Http2Headers;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * What every check shares: the target, what discovery found, one gRPC channel, the findings so
 * far (each printed as it comes, the progress of a long run), and the two moves most checks
 * make: a raw call, and "is a good client still served?".
 */
final class Probe implements AutoCloseable {
  /** How long any one answer is waited for: generous, a loaded 2-core machine is slow. */
  static final Duration ANSWER = Duration.ofSeconds(10);
  static final String HEALTH_CHECK = "/grpc.health.v1.Health/Check";
  static final String HEALTH_WATCH = "/grpc.health.v1.Health/Watch";

  final Target target;
  final Discovery discovery;
  final ManagedChannel channel;
  /** How long a hostile connection is watched for the server to close it. */
  final Duration patience;
  private final List<Finding> findings = new ArrayList<>();
  private final Consumer<Finding> progress;

  Probe(Target target, Discovery discovery, ManagedChannel channel, Duration patience,
      Consumer<Finding> progress) {
    this.target = target;
    this.discovery = discovery;
    this.channel = channel;
    this.patience = patience;
    this.progress = progress;
  }

  static Consumer<Finding> printingTo(PrintStream out) {
    return f -> out.printf("  %-4s  %-9s  %s: %s%n", f.verdict(), f.group(), f.check(),
        f.measured());
  }

  void add(Finding finding) {
    findings.add(finding);
    progress.accept(finding);
  }

  List<Finding> findings() {
    return List.copyOf(findings);
  }

  private Boolean healthServed; // asked once, on first use

  /** Whether the server has grpc.health.v1: reflection says, or a Check call does. */
  synchronized boolean healthServed() {
    if (healthServed == null) {
      healthServed = discovery.services().contains("grpc.health.v1.Health")
          || !discovery.offered() && statusOf(HEALTH_CHECK) != Status.Code.UNIMPLEMENTED;
    }
    return healthServed;
  }

  /**
   * A method the server is known to serve, for checks about a request's form rather than its
   * method (content-type, encoding): health Check, else the first one discovered; null if none.
   */
  String servedPath() {
    if (healthServed()) {
      return HEALTH_CHECK;
    }
    return discovery.methods().isEmpty() ? null : discovery.methods().get(0).path();
  }

  /** The status of an empty unary call to {@code path}, made by bytes. */
  Status.Code statusOf(String path) {
    try {
      ClientCalls.blockingUnaryCall(channel, Bytes.unary(path),
          CallOptions.DEFAULT.withDeadlineAfter(ANSWER.toMillis(), TimeUnit.MILLISECONDS),
          new byte[0]);
      return Status.Code.OK;
    } catch (StatusRuntimeException e) {
      return e.getStatus().getCode();
    }
  }

  /**
   * A raw gRPC call on its own connection: {@code extra} headers on top of a gRPC request's,
   * {@code body} as the request's DATA (in frames of at most 16 KiB, the size every server
   * accepts), the stream ended; its answer waited for at most {@link #ANSWER}.
   */
  H2Stream rawCall(String path, Map<String, String> extra, byte[] body)
      throws IOException, InterruptedException {
    return rawCall(path, extra, body, true, ANSWER);
  }

  /** As above; {@code endStream} false leaves the request open, {@code wait} bounds the wait. */
  H2Stream rawCall(String path, Map<String, String> extra, byte[] body, boolean endStream,
      Duration wait) throws IOException, InterruptedException {
    Http2Headers headers = target.grpcHeaders(path);
    extra.forEach(headers::set);
    try (H2Connection h2 = target.h2()) {
      H2Stream stream = h2.open(headers, false);
      try {
        int at = 0;
        do {
          int n = Math.min(16 * 1024, body.length - at);
          h2.data(stream, java.util.Arrays.copyOfRange(body, at, at + n),
              endStream && at + n == body.length);
          at += n;
        } while (at < body.length);
      } catch (IOException e) {
        // The server closed the connection mid-request: the stream reports it.
      }
      return awaitEnd(stream, wait);
    }
  }

  static H2Stream awaitEnd(H2Stream stream) throws InterruptedException {
    return awaitEnd(stream, ANSWER);
  }

  static H2Stream awaitEnd(H2Stream stream, Duration wait) throws InterruptedException {
    try {
      return stream.done().get(wait.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException | TimeoutException e) {
      return stream;
    }
  }

  /**
   * Whether a good client is still served, and how fast: a new call (health Check, to any
   * server, by bytes) answered with any status a server gives, not UNAVAILABLE or a deadline.
   * Returns the time it took, or null if the call was not served.
   */
  Duration goodCallTime() {
    long start = System.nanoTime();
    Status.Code code = statusOf(HEALTH_CHECK);
    if (code == Status.Code.UNAVAILABLE || code == Status.Code.DEADLINE_EXCEEDED) {
      return null;
    }
    return Duration.ofNanos(System.nanoTime() - start);
  }

  @Override
  public void close() throws InterruptedException {
    channel.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
  }

  /** A marshaller that passes bytes through: the checker never needs the server's types. */
  static final class Bytes implements MethodDescriptor.Marshaller<byte[]> {
    private static final Bytes INSTANCE = new Bytes();

    static MethodDescriptor<byte[], byte[]> unary(String path) {
      return MethodDescriptor.newBuilder(INSTANCE, INSTANCE)
          .setType(MethodDescriptor.MethodType.UNARY)
          .setFullMethodName(path.substring(1)).build();
    }

    @Override
    public InputStream stream(byte[] value) {
      return new ByteArrayInputStream(value);
    }

    @Override
    public byte[] parse(InputStream stream) {
      try {
        return stream.readAllBytes();
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    }
  }
}
