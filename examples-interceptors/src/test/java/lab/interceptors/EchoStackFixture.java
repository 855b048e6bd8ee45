package lab.interceptors;

import io.grpc.Channel;
import io.grpc.ClientInterceptor;
import io.grpc.ClientInterceptors;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.stub.MetadataUtils;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import lab.testing.GrpcCleanupExtension;

/** The real server stack (EchoStack) in process, plus helpers to call it as a given caller. */
final class EchoStackFixture {
  final CountingEchoService service = new CountingEchoService();
  final MaintenanceInterceptor maintenance = new MaintenanceInterceptor(Duration.ofSeconds(30));
  final List<String> log = new CopyOnWriteArrayList<>();
  final ManagedChannel channel;

  EchoStackFixture(GrpcCleanupExtension grpc) {
    channel = grpc.startInProcess(b -> b.addService(
        EchoStack.wrap(service, InterceptorsServer.TOKENS, maintenance, log::add))).channel();
  }

  /** The channel as seen by a caller presenting {@code token} (null: no header at all). */
  Channel as(String token, ClientInterceptor... more) {
    Metadata headers = new Metadata();
    if (token != null) {
      headers.put(LabMetadata.AUTHORIZATION, "Bearer " + token);
    }
    Channel withToken = ClientInterceptors.intercept(channel,
        MetadataUtils.newAttachHeadersInterceptor(headers));
    return ClientInterceptors.intercept(withToken, more);
  }
}
