package lab.security;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.ManagedChannel;
import java.nio.file.Path;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import lab.services.VideoStore;
import lab.testing.GrpcCleanupExtension;

/**
 * The lesson's own server in a test: {@link SecureServer#start} (the PKI, ReloadingTls, the
 * interceptors and services the main uses) on a free 127.0.0.1 port, its files in {@code pki}.
 * Channels use {@link SecureClient#tls}, the client's own credentials.
 */
final class SecureLab implements AutoCloseable {
  final Path pki;
  final VideoStore store = new VideoStore();
  final SecureServer.Running running;
  private final GrpcCleanupExtension grpc;
  private final ScheduledExecutorService reloads;

  SecureLab(GrpcCleanupExtension grpc, Path pki, SecureServer.Protection protection,
      ScheduledExecutorService reloads) throws Exception {
    this.grpc = grpc;
    this.pki = pki;
    this.reloads = reloads;
    running = SecureServer.start(0, pki, protection, store, reloads);
    grpc.register(running.server());
  }

  int port() {
    return running.server().getPort();
  }

  /** A TLS channel trusting the lab's CA, presenting {@code cert} (alice, bob, stranger, none). */
  ManagedChannel channel(String cert) throws Exception {
    return grpc.register(TestPki.channel(port(), SecureClient.tls(pki, cert)));
  }

  /** Stops the file checks; the server itself is the cleanup extension's. */
  @Override
  public void close() throws InterruptedException {
    running.tls().close();
    reloads.shutdownNow();
    assertTrue(reloads.awaitTermination(10, TimeUnit.SECONDS), "the reload timer stopped");
  }
}
