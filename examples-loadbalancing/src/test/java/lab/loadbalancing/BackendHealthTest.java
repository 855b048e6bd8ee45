package lab.loadbalancing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import java.util.concurrent.TimeUnit;
import lab.testing.GrpcCleanupExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Backend.setServing answers two kinds of asker: client-side health checking, which names the
 * service ("backend.Backend"), and probes that ask about the whole server ("": a Kubernetes
 * gRPC probe, grpc_health_probe without -service). Both must hear the same.
 */
class BackendHealthTest {
  @RegisterExtension
  final GrpcCleanupExtension grpc = new GrpcCleanupExtension();

  @Test
  void notServingIsReportedForTheServiceAndForTheWholeServerAndServingAgainForBoth()
      throws Exception {
    Backend backend = Backend.start("backend-1", 0);
    grpc.register(backend.server().server());
    ManagedChannel channel = grpc.register(ManagedChannelBuilder
        .forAddress("127.0.0.1", backend.port()).usePlaintext().build());

    backend.setServing(false);
    assertEquals(ServingStatus.NOT_SERVING, check(channel, Backend.SERVICE));
    assertEquals(ServingStatus.NOT_SERVING, check(channel, ""), "the whole server");

    backend.setServing(true);
    assertEquals(ServingStatus.SERVING, check(channel, Backend.SERVICE));
    assertEquals(ServingStatus.SERVING, check(channel, ""), "the whole server");
  }

  private static ServingStatus check(ManagedChannel channel, String service) {
    return HealthGrpc.newBlockingStub(channel).withDeadlineAfter(20, TimeUnit.SECONDS)
        .check(HealthCheckRequest.newBuilder().setService(service).build()).getStatus();
  }
}
