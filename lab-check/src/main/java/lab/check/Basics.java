package lab.check;

import io.grpc.CallOptions;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.stub.ClientCalls;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * What any gRPC server should do for any client: describe itself, say whether it is healthy,
 * answer what it does not serve with UNIMPLEMENTED, speak only HTTP/2 and only gRPC on it, and
 * advertise limits a client can see.
 */
final class Basics {
  static final String GROUP = "basics";
  private static final String HEALTH_LESSON =
      "examples-health/src/test/java/lab/health/HealthStatusTest.java";

  private Basics() {}

  static void run(Probe p) throws IOException, InterruptedException {
    reflection(p);
    healthCheck(p);
    healthWatch(p);
    unknownService(p);
    unknownMethod(p);
    http1(p);
    contentType(p);
    settings(p);
    compression(p);
  }

  static void reflection(Probe p) {
    String see = "lab-common/src/main/java/lab/common/LabServer.java";
    p.add(p.discovery.offered()
        ? Finding.pass(GROUP, "reflection", p.discovery.note(), see)
        : new Finding(GROUP, "reflection", Verdict.WARN, p.discovery.note(),
            "serve grpc.reflection.v1 (grpcurl and this checker find your methods through it),"
                + " or name methods with --methods", see));
  }

  static void healthCheck(Probe p) {
    String check = "health Check";
    try {
      HealthCheckResponse answer = HealthGrpc.newBlockingStub(p.channel)
          .withDeadlineAfter(Probe.ANSWER.toMillis(), TimeUnit.MILLISECONDS)
          .check(HealthCheckRequest.getDefaultInstance());
      p.add(answer.getStatus() == HealthCheckResponse.ServingStatus.SERVING
          ? Finding.pass(GROUP, check, "SERVING", HEALTH_LESSON)
          : new Finding(GROUP, check, Verdict.WARN, answer.getStatus().toString(),
              "the server says it is not serving: is it starting or draining?", HEALTH_LESSON));
    } catch (StatusRuntimeException e) {
      p.add(new Finding(GROUP, check, Verdict.WARN, Codes.name(e.getStatus().getCode()),
          "serve grpc.health.v1: load balancers, Kubernetes and clients ask it before sending"
              + " calls", HEALTH_LESSON));
    }
  }

  /** Watch must answer at once with the current status, then stay open for changes. */
  static void healthWatch(Probe p) {
    String check = "health Watch";
    long start = System.nanoTime();
    var call = p.channel.newCall(HealthGrpc.getWatchMethod(), CallOptions.DEFAULT
        .withDeadlineAfter(Probe.ANSWER.toMillis(), TimeUnit.MILLISECONDS));
    try {
      Iterator<HealthCheckResponse> answers = ClientCalls.blockingServerStreamingCall(call,
          HealthCheckRequest.getDefaultInstance());
      HealthCheckResponse first = answers.next();
      long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
      p.add(Finding.pass(GROUP, check, first.getStatus() + " after " + ms + " ms, stream open",
          HEALTH_LESSON));
    } catch (StatusRuntimeException e) {
      p.add(new Finding(GROUP, check, Verdict.WARN, Codes.name(e.getStatus().getCode()),
          "serve Watch too: a client learns of NOT_SERVING without polling", HEALTH_LESSON));
    } finally {
      call.cancel("the checker has its answer", null);
    }
  }

  static void unknownService(Probe p) {
    unimplemented(p, "unknown service", "/lab.check.NoSuchService/Nothing");
  }

  /** A method missing from a service the server does have. */
  static void unknownMethod(Probe p) {
    String service = p.discovery.methods().isEmpty()
        ? "grpc.health.v1.Health" : p.discovery.methods().get(0).service();
    unimplemented(p, "unknown method", "/" + service + "/NoSuchMethod");
  }

  private static void unimplemented(Probe p, String check, String path) {
    String see = "examples-unary/src/test/java/lab/unary/UnimplementedTest.java";
    Status.Code code = Status.Code.OK;
    try {
      ClientCalls.blockingUnaryCall(p.channel, Probe.Bytes.unary(path), CallOptions.DEFAULT
          .withDeadlineAfter(Probe.ANSWER.toMillis(), TimeUnit.MILLISECONDS), new byte[0]);
    } catch (StatusRuntimeException e) {
      code = e.getStatus().getCode();
    }
    p.add(code == Status.Code.UNIMPLEMENTED
        ? Finding.pass(GROUP, check, path + ": " + Codes.name(code), see)
        : new Finding(GROUP, check, Verdict.FAIL, path + ": " + Codes.name(code),
            "answer a method you do not serve with UNIMPLEMENTED: clients and proxies act on it",
            see));
  }

  /** gRPC is HTTP/2 only: an HTTP/1.1 request must not be served. */
  static void http1(Probe p) throws InterruptedException {
    String check = "HTTP/1.1 refused";
    String see = "examples-wire/src/test/java/lab/wire/Http1RefusedTest.java";
    if (p.target.tlsOn()) {
      p.add(Finding.skip(GROUP, check, "over TLS, ALPN chooses h2 before any request"));
      return;
    }
    try (Socket socket = p.target.socket()) {
      socket.setSoTimeout((int) Probe.ANSWER.toMillis());
      socket.getOutputStream().write(("GET / HTTP/1.1\r\nHost: " + p.target.authority()
          + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      String reply = firstLine(socket.getInputStream());
      boolean served = reply.startsWith("HTTP/1.1 2") || reply.startsWith("HTTP/1.0 2");
      p.add(served
          ? new Finding(GROUP, check, Verdict.FAIL, "answered \"" + reply + "\"",
              "serve gRPC on HTTP/2 only", see)
          : Finding.pass(GROUP, check, reply.isEmpty() ? "closed without an HTTP/1.1 answer"
              : "answered \"" + Report.shorten(reply, 40) + "\"", see));
    } catch (java.net.SocketTimeoutException e) {
      p.add(Finding.pass(GROUP, check, "no answer within " + Probe.ANSWER.toSeconds() + " s",
          see));
    } catch (IOException e) {
      p.add(Finding.pass(GROUP, check, "connection reset: " + e.getMessage(), see));
    }
  }

  /** The start of what the server sent, printable: an HTTP/1.1 status line, or nothing. */
  private static String firstLine(InputStream in) throws IOException {
    byte[] bytes = in.readNBytes(64);
    String text = new String(bytes, StandardCharsets.ISO_8859_1);
    int end = text.indexOf('\r');
    String line = end >= 0 ? text.substring(0, end) : text;
    return line.startsWith("HTTP/") ? line : "";
  }

  /** A request that is not gRPC on a gRPC path: HTTP 415, as the gRPC HTTP/2 spec says. */
  static void contentType(Probe p) throws IOException, InterruptedException {
    String check = "wrong content-type";
    String see = "examples-wire/src/test/java/lab/wire/RawGrpcCallsTest.java";
    String path = p.servedPath() != null ? p.servedPath() : Probe.HEALTH_CHECK;
    H2Stream answer = p.rawCall(path, Map.of("content-type", "text/plain"),
        Payloads.message(new byte[0], false));
    p.add(answer.httpStatus() == 415
        ? Finding.pass(GROUP, check, "HTTP 415, " + answer.describe(), see)
        : new Finding(GROUP, check, Verdict.FAIL, path + ": HTTP " + answer.httpStatus() + ", "
            + answer.describe(), "answer a non-gRPC content-type with HTTP 415", see));
  }

  /** The limits a server advertises in its SETTINGS; absent ones are unlimited. */
  static void settings(Probe p) throws IOException, InterruptedException {
    String see = "lab-common/src/test/java/lab/common/ConnectionLimitsTest.java";
    Map<Integer, Long> settings;
    try (H2Connection h2 = p.target.h2()) {
      settings = h2.settings().get(Probe.ANSWER.toMillis(), TimeUnit.MILLISECONDS);
    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
      p.add(new Finding(GROUP, "SETTINGS", Verdict.FAIL, "no SETTINGS frame within "
          + Probe.ANSWER.toSeconds() + " s", "a server sends SETTINGS first (RFC 9113, 3.4)", see));
      return;
    }
    Long streams = settings.get(H2Connection.MAX_CONCURRENT_STREAMS);
    p.add(streams != null && streams <= 10_000
        ? Finding.pass(GROUP, "max concurrent streams", String.valueOf(streams), see)
        : new Finding(GROUP, "max concurrent streams", Verdict.WARN,
            streams == null ? "not advertised (unlimited)" : String.valueOf(streams),
            "cap streams per connection (the lab: 100): each one costs a window of memory", see));
    Long window = settings.get(H2Connection.INITIAL_WINDOW_SIZE);
    p.add(Finding.pass(GROUP, "initial stream window",
        window == null ? "65,535 (not advertised: the RFC's default)"
            : String.format("%,d", window),
        see));
    Long headers = settings.get(H2Connection.MAX_HEADER_LIST_SIZE);
    p.add(headers != null && headers <= 1 << 20
        ? Finding.pass(GROUP, "max header list size", String.format("%,d", headers), see)
        : new Finding(GROUP, "max header list size", Verdict.WARN,
            headers == null ? "not advertised (unlimited)" : String.format("%,d", headers),
            "advertise a header limit (grpc-java: 8 KiB) so clients learn it before sending",
            see));
  }

  /** gzip is every gRPC server's; an encoding it lacks must be UNIMPLEMENTED, not garbage. */
  static void compression(Probe p) throws IOException, InterruptedException {
    String see = "examples-compression/src/test/java/lab/compression/UnsupportedEncodingTest.java";
    try {
      HealthGrpc.newBlockingStub(p.channel).withCompression("gzip")
          .withDeadlineAfter(Probe.ANSWER.toMillis(), TimeUnit.MILLISECONDS)
          .check(HealthCheckRequest.getDefaultInstance());
      p.add(Finding.pass(GROUP, "gzip request accepted", "health Check answered", see));
    } catch (StatusRuntimeException e) {
      Status.Code code = e.getStatus().getCode();
      p.add(code == Status.Code.UNIMPLEMENTED && !p.healthServed()
          ? Finding.skip(GROUP, "gzip request accepted", "no health service to call")
          : new Finding(GROUP, "gzip request accepted", Verdict.FAIL, Codes.name(code),
              "accept gzip: every gRPC implementation can send it", see));
    }
    String path = p.servedPath();
    if (path == null) {
      p.add(Finding.skip(GROUP, "unknown encoding", "no method known to be served"));
      return;
    }
    H2Stream answer = p.rawCall(path, Map.of("grpc-encoding", "x-lab-unknown"),
        Payloads.message(new byte[] {1, 2, 3}, true));
    p.add(answer.grpcStatus() == Status.Code.UNIMPLEMENTED.value()
        ? Finding.pass(GROUP, "unknown encoding", answer.describe(), see)
        : new Finding(GROUP, "unknown encoding", Verdict.FAIL, path + ": " + answer.describe(),
            "answer a grpc-encoding you lack with UNIMPLEMENTED (and grpc-accept-encoding)", see));
  }
}
