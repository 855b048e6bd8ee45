package lab.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.ManagedChannel;
import io.grpc.TlsChannelCredentials;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import lab.testing.LogCapture;
import lab.proto.video.ListVideosRequest;
import lab.proto.video.VideoServiceGrpc;
import lab.services.VideoStore;
import lab.testing.GrpcCleanupExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The README: "The server logs the certificate's SHA-256 fingerprint at start, so you can
 * compare it with what a client sees." A client that, like {@code -insecure}, accepts any
 * certificate compares them.
 */
class TlsVideoServerTest {
  private static final Pattern LOGGED = Pattern.compile("\\(TLS, self-signed (.+), SHA-256 "
      + "([0-9A-F:]{95}); reflection enabled\\)");

  @RegisterExtension
  final GrpcCleanupExtension grpc = new GrpcCleanupExtension();

  @Test
  void theLoggedSubjectAndFingerprintAreThoseOfTheCertificateTheClientReceives()
      throws Exception {
    Matcher logged;
    int port;
    try (LogCapture lines = LogCapture.attach(Level.INFO, TlsVideoServer.class.getName())) {
      port = grpc.register(TlsVideoServer.start(0, new VideoStore()).server()).getPort();
      logged = LOGGED.matcher(String.join("\n", lines.messages()));
    }
    assertTrue(logged.find(), "the start line");

    AcceptingAnything client = new AcceptingAnything();
    ManagedChannel channel = grpc.register(TestPki.channel(port,
        TlsChannelCredentials.newBuilder().trustManager(client).build()));
    VideoServiceGrpc.newBlockingStub(channel).withDeadlineAfter(30, TimeUnit.SECONDS)
        .listVideos(ListVideosRequest.getDefaultInstance()).hasNext();
    assertEquals(client.seen.getSubjectX500Principal().getName(), logged.group(1));
    assertEquals(HexFormat.ofDelimiter(":").withUpperCase().formatHex(
        MessageDigest.getInstance("SHA-256").digest(client.seen.getEncoded())), logged.group(2));
  }
}
