package lab.observability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Status.Code;
import io.grpc.channelz.v1.Server;
import io.grpc.channelz.v1.SocketData;
import io.grpc.services.AdminInterface;
import java.time.Duration;
import java.util.List;
import lab.common.LabServer;
import lab.testing.GrpcCleanupExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Channelz tells how many calls a server has started, finished well and failed, per server
 * and per connection, live. The questions go to a separate admin server in the same process
 * (channelz sees the whole process), so asking does not add to the counts being checked.
 */
class ChannelzTest {
  @RegisterExtension
  final GrpcCleanupExtension grpc = new GrpcCleanupExtension();

  private ObservabilityServer.Running running;
  private ChannelzPrinter channelz;

  @BeforeEach
  void startTheServerAndAnAdminServer() throws Exception {
    running = ObservabilityServer.start(0, 0);
    LabServer.Builder admin = LabServer.onPort(0);
    AdminInterface.getStandardServices().forEach(admin::addService);
    int adminPort = grpc.register(admin.start().server()).getPort();
    channelz = new ChannelzPrinter(grpc.register(ManagedChannelBuilder
        .forAddress("127.0.0.1", adminPort).usePlaintext().build()));
  }

  @AfterEach
  void stop() throws Exception {
    running.close();
  }

  @Test
  void channelzCountsTheCallsOfAKnownRunPerServerAndPerConnection() throws Exception {
    ManagedChannel client = grpc.register(ManagedChannelBuilder
        .forAddress("127.0.0.1", running.server().port()).usePlaintext().build());
    WorkCalls calls = new WorkCalls(client);
    for (int i = 0; i < 5; i++) {
      assertEquals(Code.OK, calls.run(WorkCalls.request("ok", Code.OK)));
    }
    assertEquals(Code.NOT_FOUND, calls.run(WorkCalls.request("no", Code.NOT_FOUND)));
    assertEquals(Code.ABORTED, calls.chat(List.of(WorkCalls.request("no", Code.ABORTED))));
    assertEquals(Code.OK, calls.split(WorkCalls.request("ok", Code.OK).toBuilder()
        .setParts(4).build()));

    // A call is counted when the server has closed it, which can be just after the client
    // saw its status: poll (bounded) until all eight are in.
    Server server = Polling.poll(this::workServer,
        s -> s.getData().getCallsSucceeded() + s.getData().getCallsFailed() == 8,
        Duration.ofMillis(50), Duration.ofSeconds(10));
    assertEquals(8, server.getData().getCallsStarted(), "calls started");
    assertEquals(6, server.getData().getCallsSucceeded(), "calls succeeded");
    assertEquals(2, server.getData().getCallsFailed(), "calls failed");

    var sockets = channelz.serverSockets(server.getRef().getServerId());
    assertEquals(1, sockets.size(), "one connection: the client's channel");
    SocketData socket = channelz.socket(sockets.get(0).getSocketId());
    assertEquals(8, socket.getStreamsStarted(), "one HTTP/2 stream per call");
    // 8 requests in; 5 + 4 replies out (failed calls send none).
    assertEquals(8, socket.getMessagesReceived(), "request messages");
    assertEquals(9, socket.getMessagesSent(), "reply messages");

    String report = channelz.report();
    assertTrue(report.contains("[127.0.0.1:" + running.server().port() + "]"), report);
    assertTrue(report.lines().anyMatch(l -> l.contains("127.0.0.1:" + running.server().port()
        + "]") && l.endsWith("8/6/2")), "the server's line, grpcdebug-style:\n" + report);
  }

  private Server workServer() {
    return channelz.serverListeningOn(running.server().port()).orElseThrow();
  }
}
