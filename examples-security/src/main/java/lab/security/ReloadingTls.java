package lab.security;

import io.grpc.ServerCredentials;
import io.grpc.TlsServerCredentials;
import io.grpc.util.AdvancedTlsX509KeyManager;
import io.grpc.util.AdvancedTlsX509TrustManager;
import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Server TLS whose certificate (and, for mTLS, trusted CA) is re-read from files while the
 * server runs: certificate rotation without a restart. grpc-java's
 * {@link AdvancedTlsX509KeyManager} checks the files every {@code period} (at least one
 * minute: grpc-java raises anything shorter to that) and swaps the identity in when the
 * modification times of <em>both</em> files have changed; the next TLS handshake uses it. Connections
 * already open keep the session they negotiated, so calls in flight are untouched.
 *
 * <p>Whoever renews the certificate (cert-manager, a cron job) should write the new files
 * under temporary names and rename them into place, so a reload never reads a half-written file.
 */
public final class ReloadingTls implements AutoCloseable {
  private final AdvancedTlsX509KeyManager keyManager = new AdvancedTlsX509KeyManager();
  private final AdvancedTlsX509TrustManager trustManager;
  private final AdvancedTlsX509KeyManager.Closeable identityReload;
  private final AdvancedTlsX509TrustManager.Closeable trustReload;

  /**
   * Loads {@code identity} now and re-checks it every {@code period} on {@code scheduler}.
   * With a {@code clientCa} file, clients must present a certificate that CA signed (mTLS);
   * that file is watched too.
   */
  public ReloadingTls(Pki.PemFiles identity, Path clientCa, Duration period,
      ScheduledExecutorService scheduler) throws IOException, GeneralSecurityException {
    long millis = period.toMillis();
    identityReload = keyManager.updateIdentityCredentials(identity.certificate().toFile(),
        identity.key().toFile(), millis, TimeUnit.MILLISECONDS, scheduler);
    if (clientCa == null) {
      trustManager = null;
      trustReload = null;
    } else {
      // A client certificate names a person or a service, not a host: check the chain only.
      trustManager = AdvancedTlsX509TrustManager.newBuilder()
          .setVerification(AdvancedTlsX509TrustManager.Verification.CERTIFICATE_ONLY_VERIFICATION)
          .build();
      trustReload = trustManager.updateTrustCredentials(clientCa.toFile(), millis,
          TimeUnit.MILLISECONDS, scheduler);
    }
  }

  public ServerCredentials serverCredentials() {
    var builder = TlsServerCredentials.newBuilder().keyManager(keyManager);
    if (trustManager != null) {
      builder.trustManager(trustManager).clientAuth(TlsServerCredentials.ClientAuth.REQUIRE);
    }
    return builder.build();
  }

  /** Stops watching the files; the server keeps the identity it has. */
  @Override
  public void close() {
    identityReload.close();
    if (trustReload != null) {
      trustReload.close();
    }
  }
}
