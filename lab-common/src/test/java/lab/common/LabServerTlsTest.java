package lab.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.TlsChannelCredentials;
import io.grpc.TlsServerCredentials;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.netty.shaded.io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import lab.testing.LogCapture;
import lab.testing.RawH2;
import lab.testing.SelfSigned;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * LabServer with TLS credentials (what examples-security's servers pass): it serves over TLS,
 * says so when it starts, refuses plaintext, and holds a TLS client to the same flood limits
 * as a plaintext one. The key pair is made by the JDK's keytool, so lab-common needs no
 * certificate library.
 */
class LabServerTlsTest {
  private LabServer server;
  private ManagedChannel channel;

  @AfterEach
  void stop() throws Exception {
    if (channel != null) {
      channel.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
    }
    if (server != null) {
      server.shutdownGracefully(Duration.ZERO);
    }
  }

  @Test
  void aServerGivenTlsCredentialsServesOverTlsSaysSoAndRefusesPlaintext(@TempDir Path dir)
      throws Exception {
    try (LogCapture log = LogCapture.attach(Level.INFO, LabServer.class.getName())) {
      server = LabServer.onPort(0).credentials(TlsServerCredentials.newBuilder()
          .keyManager(keyManagerFactory(dir).getKeyManagers()).build()).start();
      assertEquals(List.of("Listening on 127.0.0.1:" + server.port()
          + " (TLS; reflection and grpc.health.v1 enabled)"), log.messages());
    }
    channel = Grpc.newChannelBuilderForAddress("127.0.0.1", server.port(),
        TlsChannelCredentials.newBuilder()
            .trustManager(InsecureTrustManagerFactory.INSTANCE.getTrustManagers()).build())
        .build();
    assertEquals(ServingStatus.SERVING, health(channel));

    ManagedChannel plaintext = Grpc.newChannelBuilderForAddress("127.0.0.1", server.port(),
        InsecureChannelCredentials.create()).build();
    try {
      StatusRuntimeException e = assertThrows(StatusRuntimeException.class,
          () -> health(plaintext));
      assertEquals(Status.Code.UNAVAILABLE, e.getStatus().getCode(), e.getStatus().toString());
    } finally {
      plaintext.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void overTlsTooTheSettingsBudgetEndsAFloodWithGoAwayEnhanceYourCalm(@TempDir Path dir)
      throws Exception {
    // The budget reads frame headers; over TLS it has to read them behind the decryption.
    server = LabServer.onPort(0).credentials(TlsServerCredentials.newBuilder()
            .keyManager(keyManagerFactory(dir).getKeyManagers()).build())
        .connectionLimits(ConnectionLimits.DEFAULT.withFloodLimits(1_000, 20, Duration.ofSeconds(60)))
        .start();
    SSLContext tls = SSLContext.getInstance("TLS");
    tls.init(null, InsecureTrustManagerFactory.INSTANCE.getTrustManagers(), null);
    SSLSocket socket = (SSLSocket) tls.getSocketFactory().createSocket("127.0.0.1", server.port());
    SSLParameters parameters = socket.getSSLParameters();
    parameters.setApplicationProtocols(new String[] {"h2"}); // grpc-java requires ALPN h2
    socket.setSSLParameters(parameters);
    socket.startHandshake();
    try (RawH2 h2 = RawH2.over(socket, Map.of())) {
      ConnectionLimitsTest.assertTwentySettingsPassAndTheTwentyFirstEndsTheConnection(h2);
    }
  }

  private static ServingStatus health(ManagedChannel channel) {
    return HealthGrpc.newBlockingStub(channel).withDeadlineAfter(30, TimeUnit.SECONDS)
        .check(HealthCheckRequest.getDefaultInstance()).getStatus();
  }

  /** A self-signed EC key pair for localhost, made by keytool (lab-testing's SelfSigned). */
  private static KeyManagerFactory keyManagerFactory(Path dir) throws Exception {
    return SelfSigned.in(dir).keyManagers();
  }
}
