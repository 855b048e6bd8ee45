package lab.unary;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.grpc.Server;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import lab.idioms.LabChannel;
import lab.proto.routeguide.RouteGuideGrpc;
import lab.routeguide.Geo;
import lab.testing.GrpcCleanupExtension;
import lab.testing.LogCapture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The hand-built server as main starts it (its shutdown hook only acts in a process). */
class UnaryServerTest {
  @RegisterExtension
  final GrpcCleanupExtension grpc = new GrpcCleanupExtension();

  @Test
  void theServerSaysItsLoopbackPortThenLogsEveryWorkflowStepOfEachCall() throws Exception {
    try (LogCapture log = LogCapture.attach(Level.INFO, UnaryServer.class.getName()).quiet()) {
      Server server = grpc.register(UnaryServer.start(0, Duration.ZERO));
      // The tour reads the port of a --port 0 server from this line.
      assertEquals(List.of("Listening on 127.0.0.1:" + server.getPort()), log.messages());

      try (LabChannel lab = LabChannel.plaintext("127.0.0.1:" + server.getPort())) {
        RouteGuideGrpc.newBlockingStub(lab.channel()).withDeadlineAfter(10, TimeUnit.SECONDS)
            .getFeature(Geo.point(51.5055, -0.0754));
      }

      // Each step is logged before grpc acts on it, so all six are in before the reply is.
      assertEquals(List.of(
          "workflow: 1 received routeguide.RouteGuide/GetFeature"
              + " (headers; context deadline set: true)",
          "workflow: 2 interceptor calls next.startCall",
          "workflow: 3 request message parsed",
          "workflow: 4 handler invoked",
          "workflow: 5 response message sent",
          "workflow: 6 closed with status OK"), log.messages().subList(1, 7));
    }
  }
}
