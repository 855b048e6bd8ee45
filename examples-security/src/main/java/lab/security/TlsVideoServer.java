package lab.security;

import io.grpc.ServerCredentials;
import io.grpc.TlsServerCredentials;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.logging.Logger;
import lab.common.LabServer;
import lab.common.Main;
import lab.services.VideoService;
import lab.services.VideoStore;

/**
 * The notes' video lab over TLS, on 127.0.0.1:50051, with a self-signed certificate made at
 * start (it lives only in memory: no key file is written). The notes' interactive command
 * {@code grpcurl --proto video_service.proto -insecure ...} is meant for exactly this: TLS
 * encrypts the call, and {@code -insecure} skips checking who signed the certificate, which
 * nobody did. Flags: {@code --port N}.
 */
public final class TlsVideoServer {
  private static final Logger log = Logger.getLogger(TlsVideoServer.class.getName());
  public static final int DEFAULT_PORT = 50051;

  static final String USAGE = "usage: ./run examples-security TlsVideoServer [--port N]";

  public static void main(String[] args) throws Exception {
    Main.run(args, USAGE, flags -> {
      start(flags.port(DEFAULT_PORT), new VideoStore()).blockUntilShutdown();
    });
  }

  /** Starts the video lab over TLS on 127.0.0.1:{@code port}; 0 picks a free port. */
  public static LabServer start(int port, VideoStore store)
      throws IOException, GeneralSecurityException {
    Pki.Issued self = Pki.newSelfSignedServer("grpc-lab video (self-signed)");
    ServerCredentials tls = TlsServerCredentials.newBuilder()
        .keyManager(stream(self.certificatePem()), stream(Pki.pemOf(self.key())))
        .build();
    LabServer server =
        SecureServers.start(port, tls, List.of(), new VideoService(store).bindService());
    String sha256 = HexFormat.ofDelimiter(":").withUpperCase().formatHex(
        MessageDigest.getInstance("SHA-256").digest(self.certificate().getEncoded()));
    log.info(() -> "Listening on 127.0.0.1:" + server.port() + " (TLS, self-signed "
        + self.subject() + ", SHA-256 " + sha256 + "; reflection enabled)");
    return server;
  }

  private static ByteArrayInputStream stream(String pem) {
    return new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII));
  }
}
