package lab.observability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.Channel;
import io.grpc.ClientInterceptors;
import io.grpc.Context;
import io.grpc.Metadata;
import io.grpc.Status.Code;
import io.grpc.stub.MetadataUtils;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.logging.Level;
import lab.proto.work.WorkRequest;
import lab.testing.GrpcCleanupExtension;
import lab.testing.LogCapture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The call id a client sends reaches every server log line of that call, on every RPC kind,
 * including lines logged by another thread the call hands its work to — without the
 * service's code ever mentioning the id.
 */
class CallIdLoggingTest {
  @RegisterExtension
  final GrpcCleanupExtension grpc = new GrpcCleanupExtension();

  private final ExecutorService offloadPool = Executors.newFixedThreadPool(1, r ->
      new Thread(r, "offload-pool"));
  private LogCapture log;
  private Channel channel;

  @BeforeEach
  void startTheServiceWithTheInterceptors() {
    // Each line formatted as the console would show it, on the thread that logged it.
    log = LogCapture.attach(Level.ALL, new CallIdFormatter(), WorkService.class.getName());
    Channel plain = grpc.startInProcess(server -> server
        .addService(new WorkService(offloadPool))
        .intercept(new CallIdServerInterceptor())).channel();
    channel = ClientInterceptors.intercept(plain, new CallIdClientInterceptor());
  }

  @AfterEach
  void stop() {
    log.close();
    offloadPool.shutdownNow();
  }

  @Test
  void everyServerLineOfEveryKindOfCallCarriesTheCallersId() {
    WorkCalls calls = new WorkCalls(channel);
    WorkRequest ok = WorkCalls.request("x", Code.OK);
    WorkRequest notFound = WorkCalls.request("y", Code.NOT_FOUND);

    assertEquals(Code.OK, as("unary-ok", () -> calls.run(ok)));
    assertEquals(Code.NOT_FOUND, as("unary-fail", () -> calls.run(notFound)));
    assertEquals(Code.OK, as("server-stream", () -> calls.split(ok.toBuilder().setParts(3)
        .build())));
    assertEquals(Code.OK, as("client-stream", () -> calls.collect(List.of(ok, ok, ok))));
    assertEquals(Code.OK, as("bidi", () -> calls.chat(List.of(ok, ok))));
    assertEquals(Code.NOT_FOUND, as("bidi-fail", () -> calls.chat(List.of(ok, notFound))));
    assertEquals(Code.OK, as("offload", () -> calls.offload(ok)));

    for (LogCapture.Line line : log.lines()) {
      assertTrue(line.text().startsWith("[call="), "a line without a call id: " + line);
    }
    assertLines("unary-ok", "Run: x");
    assertLines("unary-fail", "Run: y", "failing with NOT_FOUND, as asked");
    assertLines("server-stream", "Split: x into 3");
    assertLines("client-stream", "Collect: got x", "Collect: got x", "Collect: got x",
        "Collect: 3 requests, replying");
    assertLines("bidi", "Chat: got x", "Chat: got x", "Chat: caller is done after 2 replies");
    assertLines("bidi-fail", "Chat: got x", "Chat: got y", "failing with NOT_FOUND, as asked");
    assertLines("offload", "Offload: handing x to the pool", "Offload: working on x in the pool");

    List<LogCapture.Line> offload = linesOf("offload");
    assertEquals("offload-pool", offload.get(1).thread(), "the handed-off line's thread");
    assertNotEquals("offload-pool", offload.get(0).thread(), "the handler's thread");
  }

  @Test
  void aCallWithoutAnIdGetsOneMadeByTheServerAndToldInHeadersOrTrailers() {
    AtomicReference<Metadata> headers = new AtomicReference<>();
    AtomicReference<Metadata> trailers = new AtomicReference<>();
    Channel noId = ClientInterceptors.intercept(grpc.startInProcess(server -> server
            .addService(new WorkService(offloadPool))
            .intercept(new CallIdServerInterceptor())).channel(),
        MetadataUtils.newCaptureMetadataInterceptor(headers, trailers));

    assertEquals(Code.OK, new WorkCalls(noId).offload(WorkCalls.request("z", Code.OK)));

    String id = headers.get().get(CallId.HEADER);
    assertNotNull(id, "the server's id, in the response headers");
    assertLines(id, "Offload: handing z to the pool", "Offload: working on z in the pool");

    // A call that fails before replying has no response headers: the id is in the trailers.
    assertEquals(Code.NOT_FOUND, new WorkCalls(noId).run(WorkCalls.request("q", Code.NOT_FOUND)));
    String failedId = trailers.get().get(CallId.HEADER);
    assertNotNull(failedId, "the server's id, in the trailers");
    assertNotEquals(id, failedId, "a new id for each call");
    assertLines(failedId, "Run: q", "failing with NOT_FOUND, as asked");
    assertEquals(log.lines().size(), linesOf(id).size() + linesOf(failedId).size(),
        "every line has one of the two ids");
  }

  /** The captured lines that carry call id {@code callId}. */
  private List<LogCapture.Line> linesOf(String callId) {
    return log.lines().stream().filter(l -> l.text().startsWith("[call=" + callId + "] "))
        .toList();
  }

  /** Makes a call with {@code id} as the current call id; the client interceptor sends it. */
  private static Code as(String id, Supplier<Code> call) {
    AtomicReference<Code> code = new AtomicReference<>();
    Context.current().withValue(CallId.CONTEXT_KEY, id).run(() -> code.set(call.get()));
    return code.get();
  }

  private void assertLines(String id, String... messages) {
    List<String> texts = linesOf(id).stream()
        .map(l -> l.text().substring(l.text().indexOf(": ", l.text().indexOf("WorkService")) + 2))
        .toList();
    assertEquals(List.of(messages), texts, "the server's log lines of call " + id);
  }
}
