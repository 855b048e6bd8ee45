package lab.interceptors;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.grpc.ClientInterceptors;
import io.grpc.ServerInterceptors;
import io.grpc.inprocess.InProcessChannelBuilder;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import lab.proto.interceptors.EchoGrpc;
import lab.proto.interceptors.EchoRequest;
import lab.testing.GrpcCleanupExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Which interceptor runs first? Recorded, not guessed. */
class InterceptorOrderTest {
  @RegisterExtension
  final GrpcCleanupExtension grpc = new GrpcCleanupExtension();

  private final List<String> events = new CopyOnWriteArrayList<>();
  private final EchoRequest hello = EchoRequest.newBuilder().setText("hi").build();

  @Test
  void theLastInterceptorGivenRunsFirstOnTheWayOutAndLastOnTheWayBack() {
    // Client: A and B on the channel builder, C and D around the channel. Server: X and Y on
    // the server builder, P and Q on the service.
    var server = grpc.startInProcess(b -> b
        .addService(ServerInterceptors.intercept(new EchoService(),
            new ServerOrderProbe("P", events), new ServerOrderProbe("Q", events)))
        .intercept(new ServerOrderProbe("X", events))
        .intercept(new ServerOrderProbe("Y", events)));
    var channel = grpc.register(InProcessChannelBuilder.forName(server.name())
        .intercept(new ClientOrderProbe("A", events), new ClientOrderProbe("B", events))
        .build());

    EchoGrpc.newBlockingStub(ClientInterceptors.intercept(channel,
        new ClientOrderProbe("C", events), new ClientOrderProbe("D", events))).say(hello);

    assertEquals(List.of(
        "client D out", "client C out", "client B out", "client A out",
        "server Y in", "server X in", "server Q in", "server P in",
        "server P back", "server Q back", "server X back", "server Y back",
        "client A back", "client B back", "client C back", "client D back"), events);
  }
}
