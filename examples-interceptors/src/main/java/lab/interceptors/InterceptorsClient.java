package lab.interceptors;

import io.grpc.Channel;
import io.grpc.ClientInterceptors;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.MetadataUtils;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import lab.common.Flags;
import lab.common.Main;
import lab.idioms.LabChannel;
import lab.proto.interceptors.EchoGrpc;
import lab.proto.interceptors.EchoReply;
import lab.proto.interceptors.EchoRequest;

/**
 * Calls InterceptorsServer through a stack of client interceptors and prints what each side
 * added: the request id and trace it sent, the caller the server saw, the server's headers
 * and trailers; then calls without a token, and with a wrong one.
 *
 * <p>Flags: {@code --target} (default localhost:50054), {@code --token T} (default
 * lab-token-alice).
 *
 * <p>Exit status: 0 when every call ended as the lesson shows. The first call is made with
 * {@code --token}; when the server refuses it ({@code --token wrong}: UNAUTHENTICATED; a
 * server in maintenance: UNAVAILABLE) the client prints the refusal with the headers and
 * trailers that still came back, and exits 1: the call failed. The calls the lesson makes to
 * fail on purpose (an empty text, no token, a wrong token) must fail with the code it shows;
 * any other outcome ends the run with exit 1 as well.
 */
public final class InterceptorsClient {
  static final String USAGE = "usage: ./run examples-interceptors InterceptorsClient"
      + " [--target HOST:PORT] [--token VALUE]";
  static final String START_SERVER = "./run examples-interceptors InterceptorsServer";

  public static void main(String[] args) throws Exception {
    Main.client(args, USAGE, START_SERVER, flags -> run(flags, System.out));
  }

  /** The lesson's calls, printed on {@code out}; a call that ends otherwise is thrown. */
  static void run(Flags flags, PrintStream out) throws InterruptedException {
    try (LabChannel lab = LabChannel.plaintext(flags.target(InterceptorsServer.DEFAULT_PORT))) {
      var headers = new AtomicReference<Metadata>();
      var trailers = new AtomicReference<Metadata>();
      Metadata outgoing = new Metadata();
      outgoing.put(LabMetadata.AUTHORIZATION, "Bearer " + flags.string("token", "lab-token-alice"));
      outgoing.put(LabMetadata.TRACE_BIN, "trace:0001".getBytes(StandardCharsets.UTF_8));
      // ClientInterceptors.intercept runs the last one first: the request id is added, then
      // the token and trace, and the capture sees the final headers and the server's reply.
      Channel channel = ClientInterceptors.intercept(lab.channel(),
          MetadataUtils.newCaptureMetadataInterceptor(headers, trailers),
          MetadataUtils.newAttachHeadersInterceptor(outgoing),
          RequestIdInterceptor.random(),
          new UnaryDeadlineInterceptor(Duration.ofSeconds(5)));
      var echo = EchoGrpc.newBlockingStub(channel);

      EchoReply reply;
      try {
        reply = echo.say(EchoRequest.newBuilder().setText("  hello    interceptors ").build());
      } catch (StatusRuntimeException e) {
        // e.g. --token wrong: the auth interceptor refused the call before the handler ran;
        // the capture interceptor still saw what the server sent back.
        out.println("say -> " + e.getStatus().getCode() + ": "
            + e.getStatus().getDescription() + "; headers " + headers.get()
            + "; trailers " + trailers.get());
        throw e; // refused is still failed: Main prints the status and exits 1
      }
      out.println("reply: text=\"" + reply.getText() + "\" caller=" + reply.getCaller()
          + " request_id=" + reply.getRequestId()
          + " trace=" + reply.getTrace().toString(StandardCharsets.UTF_8));
      out.println("server headers:  " + headers.get());
      out.println("server trailers: " + trailers.get());

      echo.sayMany(EchoRequest.newBuilder().setText("stream").setTimes(2).build())
          .forEachRemaining(r -> out.println("streamed: " + r.getText()
              + " (request_id " + r.getRequestId() + ")"));
      StatusRuntimeException empty = failure("empty text", Status.Code.INVALID_ARGUMENT,
          () -> echo.say(EchoRequest.getDefaultInstance()));
      out.println("empty text -> " + empty.getStatus() + "; trailers " + empty.getTrailers());
      for (String token : new String[] {null, "wrong"}) {
        Metadata auth = new Metadata();
        if (token != null) {
          auth.put(LabMetadata.AUTHORIZATION, "Bearer " + token);
        }
        StatusRuntimeException refused = failure("token " + token,
            Status.Code.UNAUTHENTICATED, () -> EchoGrpc.newBlockingStub(ClientInterceptors
                .intercept(lab.channel(), MetadataUtils.newAttachHeadersInterceptor(auth)))
                .say(EchoRequest.newBuilder().setText("hi").build()));
        out.println("token " + token + " -> " + refused.getStatus().getCode() + ": "
            + refused.getStatus().getDescription());
      }
    }
  }

  /**
   * Runs a call the lesson makes to fail with {@code expected} and returns its failure. A
   * different code is thrown as it came; success means the server no longer does what the
   * lesson shows, and is thrown as such.
   */
  private static StatusRuntimeException failure(String what, Status.Code expected,
      Runnable call) {
    try {
      call.run();
    } catch (StatusRuntimeException e) {
      if (e.getStatus().getCode() != expected) {
        throw e;
      }
      return e;
    }
    throw new IllegalStateException(what + " -> OK, but the lesson shows " + expected);
  }
}
