package lab.contracts;

import io.grpc.BindableService;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import lab.common.LabServer;
import lab.testing.GrpcCleanupExtension;

/**
 * A server of one contract version on a loopback port and a channel to it: the versions meet
 * over HTTP/2 with real protobuf bytes, as deployed clients and servers do.
 */
final class Wire {
  /** Generous: a loaded 2-core CI machine, and still a bound. */
  static final long DEADLINE_SECONDS = 20;

  private Wire() {}

  static ManagedChannel serve(GrpcCleanupExtension grpc, BindableService service)
      throws IOException {
    LabServer server = LabServer.onPort(0).addService(service).start();
    grpc.register(server.server());
    return grpc.register(NettyChannelBuilder.forAddress("127.0.0.1", server.port())
        .usePlaintext().build());
  }

  static lab.proto.contracts.v1.CatalogGrpc.CatalogBlockingStub v1(ManagedChannel channel) {
    return lab.proto.contracts.v1.CatalogGrpc.newBlockingStub(channel)
        .withDeadlineAfter(DEADLINE_SECONDS, TimeUnit.SECONDS);
  }

  static lab.proto.contracts.v2.CatalogGrpc.CatalogBlockingStub v2(ManagedChannel channel) {
    return lab.proto.contracts.v2.CatalogGrpc.newBlockingStub(channel)
        .withDeadlineAfter(DEADLINE_SECONDS, TimeUnit.SECONDS);
  }

  static lab.proto.contracts.broken.CatalogGrpc.CatalogBlockingStub broken(
      ManagedChannel channel) {
    return lab.proto.contracts.broken.CatalogGrpc.newBlockingStub(channel)
        .withDeadlineAfter(DEADLINE_SECONDS, TimeUnit.SECONDS);
  }
}
