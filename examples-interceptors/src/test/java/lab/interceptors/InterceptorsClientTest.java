package lab.interceptors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.util.Map;
import lab.common.LabServer;
import lab.common.Main;
import lab.proto.interceptors.EchoReply;
import lab.proto.interceptors.EchoRequest;
import lab.testing.Console;
import lab.testing.GrpcCleanupExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * InterceptorsClient's main body against InterceptorsServer's stack on a free 127.0.0.1 port
 * (the client takes HOST:PORT): what it prints and its exit status, the way the tour and the
 * docs runner see it. InterceptorsClientProcessTest runs the real main once.
 */
class InterceptorsClientTest {
  @RegisterExtension
  final GrpcCleanupExtension grpc = new GrpcCleanupExtension();

  private final MaintenanceInterceptor maintenance =
      new MaintenanceInterceptor(Duration.ofSeconds(30));
  private final Console console = new Console();

  @Test
  void withAValidTokenEveryCallEndsAsTheLessonShowsAndTheClientExits0() throws Exception {
    assertEquals(0, client(server(), "--token", "lab-token-bob"), out() + err());
    String uuid = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";
    // The handler found the token's caller, the request id and the trace-bin bytes in its
    // Context; the server's headers echo the id; its trailers say how long it took.
    assertTrue(out().matches("(?s)reply: text=\"hello interceptors\" caller=bob request_id=("
        + uuid + ") trace=trace:0001\n"
        + "server headers:  Metadata\\([^)\n]*server=grpc-lab,request-id=\\1[,)][^\n]*\n"
        + "server trailers: Metadata\\(handled-ms=\\d+\\)\n"
        // One id per call, the same on each message of a stream.
        + "streamed: stream \\(request_id (" + uuid + ")\\)\n"
        + "streamed: stream \\(request_id \\2\\)\n.*"), out());
    assertTrue(out().contains("\nempty text -> Status{code=INVALID_ARGUMENT, description=text"
        + " must not be empty"), out());
    assertTrue(out().contains("\ntoken null -> UNAUTHENTICATED: missing bearer token"), out());
    assertTrue(out().endsWith("\ntoken wrong -> UNAUTHENTICATED: invalid bearer token\n"), out());
    assertEquals("", err());
  }

  @Test
  void aWrongTokenIsRefusedWithTheServersHeadersAndTrailersAndTheClientExits1()
      throws Exception {
    assertEquals(1, client(server(), "--token", "wrong"));
    assertTrue(out().matches("say -> UNAUTHENTICATED: invalid bearer token; headers Metadata\\("
        + "[^)]*server=grpc-lab[^)]*\\); trailers Metadata\\([^)]*handled-ms=\\d+[^)]*\\)\n"),
        out());
    assertEquals("error: the call failed with UNAUTHENTICATED: invalid bearer token\n", err());
  }

  @Test
  void aServerInMaintenanceAnswersUnavailableWithARetryHintAndTheClientExits1()
      throws Exception {
    maintenance.set(true);
    assertEquals(1, client(server()));
    assertTrue(out().matches("say -> UNAVAILABLE: down for maintenance; headers .*; trailers"
        + " Metadata\\([^)]*retry-after-ms=30000[^)]*\\)\n"), out());
    assertEquals("error: the call failed with UNAVAILABLE: down for maintenance\n", err());
  }

  @Test
  void aServerThatAcceptsTheWrongTokenMakesTheRunFail() throws Exception {
    LabServer lax = server(new EchoService(), Map.of("lab-token-alice", "alice", "wrong", "eve"));
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> client(lax));
    assertEquals("token wrong -> OK, but the lesson shows UNAUTHENTICATED", e.getMessage());
  }

  @Test
  void aCallMeantToFailThatFailsWithAnotherCodeEndsTheRunWithThatCode() throws Exception {
    EchoService internalOnEmpty = new EchoService() {
      @Override
      public void say(EchoRequest request, StreamObserver<EchoReply> reply) {
        if (request.getText().isEmpty()) {
          reply.onError(Status.INTERNAL.withDescription("boom").asRuntimeException());
        } else {
          super.say(request, reply);
        }
      }
    };
    assertEquals(1, client(server(internalOnEmpty, InterceptorsServer.TOKENS)));
    assertEquals("error: the call failed with INTERNAL: boom\n", err());
  }

  /** Not the lesson's server: the lesson's stack around {@code service}, knowing {@code tokens}. */
  private LabServer server(EchoService service, Map<String, String> tokens) throws Exception {
    LabServer server = LabServer.onPort(0).addService(EchoStack.wrap(service, tokens,
        maintenance, line -> {})).start();
    grpc.register(server.server());
    return server;
  }

  private LabServer server() throws Exception {
    LabServer server = InterceptorsServer.start(0, maintenance);
    grpc.register(server.server());
    return server;
  }

  /** The client's main body with {@code args} against {@code server}; its exit code. */
  private int client(LabServer server, String... args) throws Exception {
    return Main.exitCode(Console.targeting(server.port(), args), InterceptorsClient.USAGE,
        InterceptorsClient.START_SERVER, flags -> InterceptorsClient.run(flags, console.stdout()), console.stderr());
  }

  private String out() {
    return console.out();
  }

  private String err() {
    return console.err();
  }
}
