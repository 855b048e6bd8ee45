package lab.observability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.CallOptions;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.ProtoUtils;
import io.grpc.stub.ClientCalls;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import lab.proto.work.WorkReply;
import lab.proto.work.WorkRequest;
import lab.testing.GrpcCleanupExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** What the server's /metrics page says, read directly (what Prometheus scrapes). */
class MetricsPageTest {
  @RegisterExtension
  final GrpcCleanupExtension grpc = new GrpcCleanupExtension();

  @Test
  void callsToMethodsTheServerDoesNotKnowAreCountedUnderOther() throws Exception {
    try (ObservabilityServer.Running running = ObservabilityServer.start(0, 0)) {
      ManagedChannel channel = grpc.register(ManagedChannelBuilder
          .forAddress("127.0.0.1", running.server().port()).usePlaintext().build());
      assertEquals(Status.Code.OK, new WorkCalls(channel).run(
          WorkCalls.request("known", Status.Code.OK)));
      for (String name : List.of("lab.work.Work/Nope", "scanner.Probe/Try")) {
        MethodDescriptor<WorkRequest, WorkReply> unknown = WorkMethod.unary(name);
        StatusRuntimeException e = assertThrows(
            StatusRuntimeException.class, () -> ClientCalls.blockingUnaryCall(
                channel, unknown, CallOptions.DEFAULT, WorkRequest.getDefaultInstance()));
        assertEquals(Status.Code.UNIMPLEMENTED, e.getStatus().getCode());
      }

      String page = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
          URI.create(running.metrics().url())).build(), HttpResponse.BodyHandlers.ofString())
          .body();
      List<String> counts = page.lines()
          .filter(l -> l.startsWith("grpc_server_call_duration_seconds_count{")).toList();
      assertEquals(2, counts.size(), String.join("\n", counts));
      assertTrue(counts.stream().anyMatch(l -> l.contains(
          "grpc_method=\"lab.work.Work/Run\",grpc_status=\"OK\"")
          && l.endsWith(" 1")), page);
      assertTrue(counts.stream().anyMatch(l -> l.contains(
          "grpc_method=\"other\",grpc_status=\"UNIMPLEMENTED\"") && l.endsWith(" 2")), page);
    }
  }

  /**
   * The page is for this machine only (README: "metrics on 127.0.0.1:9464"): bound to
   * 127.0.0.1, not to every interface. 127.0.0.2 stands in for "another address": it is
   * loopback on Linux, so the probe sends nothing off the machine, yet only a listener bound
   * to all addresses answers there.
   */
  @Test
  void theMetricsPageAnswersOn127001AndOnNoOtherAddress() throws Exception {
    try (ServerSocket everywhere = new ServerSocket(0)) {
      assertTrue(connects("127.0.0.2", everywhere.getLocalPort()),
          "the probe itself: 127.0.0.2 reaches a listener bound to all addresses");
    }
    try (ObservabilityServer.Running running = ObservabilityServer.start(0, 0)) {
      int port = running.metrics().port();
      assertTrue(connects("127.0.0.1", port));
      assertFalse(connects("127.0.0.2", port), "bound to 127.0.0.1 only");
    }
  }

  private static boolean connects(String host, int port) throws IOException {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(host, port), 10_000);
      return true;
    } catch (ConnectException refused) {
      return false;
    }
  }

  /** A method descriptor for any name: what a client with a wrong or stale .proto sends. */
  private static final class WorkMethod {
    static MethodDescriptor<WorkRequest, WorkReply> unary(String fullName) {
      return MethodDescriptor.<WorkRequest, WorkReply>newBuilder()
          .setType(MethodDescriptor.MethodType.UNARY).setFullMethodName(fullName)
          .setRequestMarshaller(ProtoUtils.marshaller(WorkRequest.getDefaultInstance()))
          .setResponseMarshaller(ProtoUtils.marshaller(WorkReply.getDefaultInstance()))
          .build();
    }
  }
}
