package lab.resilience;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.Attributes;
import io.grpc.ConnectivityState;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.ServerTransportFilter;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import lab.common.LabServer;
import lab.proto.work.WorkGrpc;
import lab.proto.work.WorkReply;
import lab.proto.work.WorkRequest;
import lab.testing.GrpcCleanupExtension;
import lab.testing.StreamCollector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Options of the connection itself, over TCP on loopback. */
class ConnectionOptionsTest {
  @RegisterExtension
  final GrpcCleanupExtension grpc = new GrpcCleanupExtension(java.time.Duration.ofSeconds(20));

  private final CountDownLatch connectionClosed = new CountDownLatch(1);

  private LabServer start(Consumer<NettyServerBuilder> options) throws Exception {
    LabServer server = LabServer.onPort(0).addService(ResilienceServer.work(new WorkLog()))
        .configure(netty -> netty.addTransportFilter(new ServerTransportFilter() {
          @Override
          public void transportTerminated(Attributes attributes) {
            connectionClosed.countDown();
          }
        }))
        .configure(options).start();
    return grpc.register(server.server()) == null ? null : server;
  }

  private ManagedChannel plain(LabServer server) {
    return grpc.register(ManagedChannelBuilder.forAddress("127.0.0.1", server.port())
        .usePlaintext().build());
  }

  @Test
  void aMessageOverTheServersLimitIsResourceExhaustedAndTheServerKeepsServing()
      throws Exception {
    LabServer server = start(netty -> netty.maxInboundMessageSize(1024));
    var stub = WorkGrpc.newBlockingStub(plain(server));

    var e = assertThrows(StatusRuntimeException.class, () -> stub.run(WorkRequest.newBuilder()
        .setPayload("x".repeat(4096)).build()));

    assertEquals(Status.Code.RESOURCE_EXHAUSTED, e.getStatus().getCode());
    assertTrue(e.getStatus().getDescription().contains("1024"), e.getStatus().getDescription());
    assertEquals(512, stub.run(WorkRequest.newBuilder()
        .setPayload("x".repeat(512)).build()).getPayloadSize());
  }

  @Test
  void anIdleTimeoutClosesTheConnectionOfAnUnusedChannel() throws Exception {
    LabServer server = start(netty -> { });
    ManagedChannel channel = grpc.register(ManagedChannelBuilder
        .forAddress("127.0.0.1", server.port()).usePlaintext()
        .idleTimeout(1, TimeUnit.SECONDS) // grpc-java's minimum
        .build());
    WorkGrpc.newBlockingStub(channel).run(WorkRequest.getDefaultInstance());
    assertEquals(ConnectivityState.READY, channel.getState(false));

    assertTrue(connectionClosed.await(10, TimeUnit.SECONDS), "the server saw it close");
    assertEquals(ConnectivityState.IDLE, channel.getState(false),
        "the channel is idle; the next call reconnects");
    WorkGrpc.newBlockingStub(channel).run(WorkRequest.getDefaultInstance());
  }

  /**
   * grpc-java clamps a client's keepalive time to at least 10 s, and the server lets a
   * too-early ping pass once before its second strike sends GOAWAY: this test takes about
   * 20 s. The GOAWAY's HTTP/2 code is ENHANCE_YOUR_CALM, which grpc-java reports on the
   * open call as RESOURCE_EXHAUSTED with "too_many_pings" in the description.
   */
  @Test
  void aClientPingingMoreOftenThanTheServerPermitsGetsGoAwayTooManyPings() throws Exception {
    LabServer server = start(netty -> netty.permitKeepAliveTime(1, TimeUnit.MINUTES));
    ManagedChannel pushy = grpc.register(NettyChannelBuilder
        .forAddress("127.0.0.1", server.port()).usePlaintext()
        .keepAliveTime(10, TimeUnit.SECONDS).build());
    StreamCollector<WorkReply> replies = new StreamCollector<>();
    StreamObserver<WorkRequest> open = WorkGrpc.newStub(pushy).chat(replies);
    open.onNext(WorkRequest.getDefaultInstance()); // a call stays open while the client pings

    Status status = replies.awaitStatus(Duration.ofSeconds(60));
    System.out.println("keepalive abuse ended the call with: " + status);
    assertEquals(Status.Code.RESOURCE_EXHAUSTED, status.getCode(), status.toString());
    assertTrue(String.valueOf(status.getDescription()).contains("too_many_pings"),
        status.toString());
    assertEquals(0, WorkGrpc.newBlockingStub(plain(server)).run(WorkRequest.getDefaultInstance())
        .getPreviousAttempts(), "the server is fine: a well-behaved client is served");
  }
}
