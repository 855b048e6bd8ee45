package lab.security;

import io.grpc.ChannelCredentials;
import io.grpc.Grpc;
import io.grpc.ManagedChannel;
import io.grpc.TlsChannelCredentials;
import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;

/**
 * One throw-away PKI per test, in the test's temp directory: the lab CA, a server certificate
 * for localhost/127.0.0.1, client certificates alice (lab CA) and stranger (another CA).
 */
final class TestPki {
  final Path dir;
  final Pki.Issued ca;
  final Path caFile;
  final Pki.PemFiles server;
  final Pki.PemFiles alice;
  final Pki.PemFiles stranger;
  final Path otherCaFile;

  TestPki(Path dir) throws IOException, GeneralSecurityException {
    this.dir = dir;
    ca = Pki.newCa("lab test CA");
    caFile = ca.write(dir, "ca").certificate();
    server = Pki.newServer(ca, "server-1").write(dir, "server");
    alice = Pki.newClient(ca, "alice").write(dir, "alice");
    Pki.Issued otherCa = Pki.newCa("some other CA");
    otherCaFile = otherCa.write(dir, "other-ca").certificate();
    stranger = Pki.newClient(otherCa, "stranger").write(dir, "stranger");
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
