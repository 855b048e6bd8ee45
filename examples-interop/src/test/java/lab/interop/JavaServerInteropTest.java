package lab.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.grpc.Status;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import lab.common.LabServer;
import lab.proto.interop.StreamingOutputCallRequest;
import lab.proto.interop.StreamingOutputCallResponse;
import lab.proto.interop.TestServiceGrpc;
import lab.testing.GrpcCleanupExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Java client against the Java server over Netty on loopback: every case passes, no gaps. */
class JavaServerInteropTest {
  @RegisterExtension final GrpcCleanupExtension grpc = new GrpcCleanupExtension();

  private LabServer start(int maxStreams) throws Exception {
    LabServer server = InteropServer.start(0, maxStreams);
    grpc.register(server.server());
    return server;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("lab.interop.Interop#cases")
  void javaClientPassesTheCaseAgainstTheJavaServer(String testCase) throws Exception {
    // max_streams is meant for a server that allows one stream per connection.
    LabServer server = start(testCase.equals("max_streams") ? 1 : 0);
    try (ServerUnderTest target = Interop.target(server.port())) {
      Interop.check(target, testCase, Map.of());
    }
  }

  @Test
  void withMaxConcurrentStreamsOneASecondCallWaitsUntilTheFirstEnds() throws Exception {
    LabServer server = start(1);
    try (ServerUnderTest target = Interop.target(server.port())) {
      BasicCases.emptyUnary(target); // SETTINGS, with the limit, have reached the client
      Recorder<StreamingOutputCallResponse> open = new Recorder<>();
      var holder = target.async().fullDuplexCall(open); // takes the only stream
      holder.onNext(StreamingOutputCallRequest.getDefaultInstance());
      Status waited = Expect.failsWith(Status.Code.DEADLINE_EXCEEDED, () ->
          TestServiceGrpc.newBlockingStub(target.channel())
              .withDeadlineAfter(500, TimeUnit.MILLISECONDS)
              .emptyCall(lab.proto.interop.Empty.getDefaultInstance()), "second call");
      assertEquals(Status.Code.DEADLINE_EXCEEDED, waited.getCode());
      holder.onCompleted();
      open.awaitOk(Duration.ofSeconds(30));
      BasicCases.emptyUnary(target); // and once the stream is free, calls go through again
    }
  }
}
