package lab.interceptors;

import io.grpc.Channel;
import io.grpc.ClientInterceptors;
import io.grpc.Metadata;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.MetadataUtils;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import lab.common.LabChannel;
import lab.common.Main;
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
 */
public final class InterceptorsClient {
  static final String USAGE = "usage: ./run examples-interceptors InterceptorsClient"
      + " [--target HOST:PORT] [--token VALUE]";

  public static void main(String[] args) throws Exception {
    Main.client(args, USAGE, "./run examples-interceptors InterceptorsServer", flags -> {
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
          System.out.println("say -> " + e.getStatus().getCode() + ": "
              + e.getStatus().getDescription() + "; headers " + headers.get()
              + "; trailers " + trailers.get());
          return;
        }
        System.out.println("reply: text=\"" + reply.getText() + "\" caller=" + reply.getCaller()
            + " request_id=" + reply.getRequestId()
            + " trace=" + reply.getTrace().toString(StandardCharsets.UTF_8));
        System.out.println("server headers:  " + headers.get());
        System.out.println("server trailers: " + trailers.get());

        echo.sayMany(EchoRequest.newBuilder().setText("stream").setTimes(2).build())
            .forEachRemaining(r -> System.out.println("streamed: " + r.getText()
                + " (request_id " + r.getRequestId() + ")"));
        try {
          echo.say(EchoRequest.getDefaultInstance());
        } catch (StatusRuntimeException e) {
          System.out.println("empty text -> " + e.getStatus() + "; trailers " + e.getTrailers());
        }
        for (String token : new String[] {null, "wrong"}) {
          Metadata auth = new Metadata();
          if (token != null) {
            auth.put(LabMetadata.AUTHORIZATION, "Bearer " + token);
          }
          try {
            EchoGrpc.newBlockingStub(ClientInterceptors.intercept(lab.channel(),
                MetadataUtils.newAttachHeadersInterceptor(auth)))
                .say(EchoRequest.newBuilder().setText("hi").build());
          } catch (StatusRuntimeException e) {
            System.out.println("token " + token + " -> " + e.getStatus().getCode() + ": "
                + e.getStatus().getDescription());
          }
        }
      }
    });
  }
}
