package lab.security;

import io.grpc.ChannelCredentials;
import io.grpc.Grpc;
import io.grpc.ManagedChannel;
import io.grpc.TlsChannelCredentials;
import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;

/**
 * A throw-away CA and server certificate (localhost/127.0.0.1) in the test's temp directory,
 * for a test that puts its own probes around the lesson's interceptors (TokenCredentialsTest);
 * the others run the lesson's server itself (SecureLab).
 */
final class TestPki {
  final Path caFile;
  final Pki.PemFiles server;

  TestPki(Path dir) throws IOException, GeneralSecurityException {
    Pki.Issued ca = Pki.newCa("lab test CA");
    caFile = ca.write(dir, "ca").certificate();
    server = Pki.newServer(ca, "server-1").write(dir, "server");
  }

  /** TLS that trusts {@code trusted}, presenting {@code identity} if not null. */
  static ChannelCredentials tls(Path trusted, Pki.PemFiles identity) throws IOException {
    var builder = TlsChannelCredentials.newBuilder().trustManager(trusted.toFile());
    if (identity != null) {
      builder.keyManager(identity.certificate().toFile(), identity.key().toFile());
    }
    return builder.build();
  }

  static ManagedChannel channel(int port, ChannelCredentials credentials) {
    // "localhost" is a name in the server certificate: hostname verification passes.
    return Grpc.newChannelBuilderForAddress("localhost", port, credentials).build();
  }
}
