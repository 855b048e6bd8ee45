package lab.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.TlsChannelCredentials;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.stub.ClientCalls;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import lab.common.LabServer;
import lab.proto.video.VideoServiceGrpc;
import lab.services.VideoStore;
import lab.testing.GrpcCleanupExtension;
import lab.testing.RawBytes;
import lab.testing.RawH2;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The TLS servers stand on the same base as the plaintext ones (LabServer): the same
 * connection limits advertised in the first SETTINGS, the same answer to a request that is
 * not protobuf, the same health service. Before, they were plain NettyServerBuilders:
 * 2,147,483,647 streams per connection, UNKNOWN and a SEVERE stack trace per garbage request,
 * no health service.
 */
class TlsServerHardeningTest {
  @RegisterExtension
  final GrpcCleanupExtension grpc = new GrpcCleanupExtension();
  private int port;
  private ManagedChannel channel;

  @BeforeEach
  void start() throws Exception {
    LabServer server = TlsVideoServer.start(0, new VideoStore());
    grpc.register(server.server());
    port = server.port();
    channel = grpc.register(TestPki.channel(port,
        TlsChannelCredentials.newBuilder().trustManager(new AcceptingAnything()).build()));
  }

  @Test
  void theTlsServerAdvertisesTheLabsStreamAndHeaderLimits() throws Exception {
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, new javax.net.ssl.TrustManager[] {new AcceptingAnything()}, null);
    SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket("127.0.0.1", port);
    SSLParameters parameters = socket.getSSLParameters();
    parameters.setApplicationProtocols(new String[] {"h2"}); // gRPC over TLS needs ALPN h2
    socket.setSSLParameters(parameters);
    socket.startHandshake();
    try (RawH2 h2 = RawH2.over(socket, Map.of())) {
      Map<Integer, Long> settings = h2.serverSettings().get(30, TimeUnit.SECONDS);
      // SETTINGS_MAX_CONCURRENT_STREAMS (0x3), SETTINGS_INITIAL_WINDOW_SIZE (0x4) and
      // SETTINGS_MAX_HEADER_LIST_SIZE (0x6)
      assertEquals(100L, settings.get(3), settings.toString());
      assertEquals(262_144L, settings.get(4), settings.toString());
      assertEquals(8_192L, settings.get(6), settings.toString());
    }
  }

  @Test
  void theTlsServerAnswersARequestThatIsNotProtobufWithInternalAndKeepsServing() {
    var method = RawBytes.of(VideoServiceGrpc.getAddVideoMethod());
    StatusRuntimeException e = assertThrows(
        StatusRuntimeException.class, () -> ClientCalls.blockingUnaryCall(channel, method,
            io.grpc.CallOptions.DEFAULT.withDeadlineAfter(30, TimeUnit.SECONDS),
            new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff}));
    assertEquals(Status.Code.INTERNAL, e.getStatus().getCode(), e.getStatus().toString());
    assertEquals(ServingStatus.SERVING, health(""), "and it keeps serving");
  }

  @Test
  void theTlsServerHasTheHealthServiceWithTheVideoServicesOwnStatus() {
    assertEquals(ServingStatus.SERVING, health(""));
    assertEquals(ServingStatus.SERVING, health("video_service.VideoService"));
  }

  private ServingStatus health(String service) {
    return HealthGrpc.newBlockingStub(channel).withDeadlineAfter(30, TimeUnit.SECONDS)
        .check(HealthCheckRequest.newBuilder().setService(service).build()).getStatus();
  }
}
