package lab.security;

import io.grpc.InsecureServerCredentials;
import io.grpc.Server;
import io.grpc.ServerCredentials;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import lab.common.Main;
import lab.services.VideoService;
import lab.services.VideoStore;

/**
 * The secured video lab on 127.0.0.1:50065: TLS (mutual with {@code --mtls}), bearer tokens
 * checked before any handler, and a certificate re-read from its files every minute.
 *
 * <p>At start it makes a throw-away PKI in {@code --pki DIR} (default: a new temp directory,
 * printed): ca.crt, server.crt/.key, client certificates alice and bob from that CA, and
 * stranger from another CA. With {@code --rotate-seconds N} it re-issues its own server
 * certificate every N seconds into the same files, as a renewal job would, and the running
 * server picks each one up within a minute, without a restart. Flags: {@code --port N},
 * {@code --plaintext} (no TLS: to see token credentials refuse to be sent).
 */
public final class SecureServer {
  private static final Logger log = Logger.getLogger(SecureServer.class.getName());
  public static final int DEFAULT_PORT = 50065;

  static final String USAGE = "usage: ./run examples-security SecureServer [--pki VALUE] [--mtls]"
      + " [--plaintext] [--port N] [--rotate-seconds N]";

  public static void main(String[] args) throws Exception {
    Main.run(args, USAGE, flags -> {
      Path dir = flags.string("pki", "").isEmpty() ? Files.createTempDirectory("grpc-lab-pki")
          : Files.createDirectories(Path.of(flags.string("pki", "")));
      Pki.Issued ca = Pki.newCa("grpc-lab CA");
      Path caFile = ca.write(dir, "ca").certificate();
      Files.delete(dir.resolve("ca.key")); // the CA key stays in this process only
      Pki.PemFiles serverFiles = Pki.newServer(ca, "server-1").write(dir, "server");
      Pki.newClient(ca, "alice").write(dir, "alice");
      Pki.newClient(ca, "bob").write(dir, "bob");
      Pki.newClient(Pki.newCa("some other CA"), "stranger").write(dir, "stranger");

      ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
      var tls = new ReloadingTls(serverFiles, flags.bool("mtls") ? caFile : null,
          Duration.ofMinutes(1), scheduler);
      // --plaintext: no TLS at all, only to watch clients' token credentials refuse to talk to it.
      ServerCredentials credentials = flags.bool("plaintext") ? InsecureServerCredentials.create()
          : tls.serverCredentials();
      Server server = SecureServers.start(flags.port(DEFAULT_PORT), credentials,
          List.of(new ClientCertificateIdentity(), VideoLabAuth.interceptor()),
          new WhoAmIService().bindService(), new VideoService(new VideoStore()).bindService());
      log.info(() -> "Listening on 127.0.0.1:" + server.getPort() + " ("
          + (flags.bool("plaintext") ? "PLAINTEXT" : flags.bool("mtls") ? "mutual TLS" : "TLS")
          + ", tokens required); PKI in " + dir);

      int rotateSeconds = flags.integer("rotate-seconds", 0);
      if (rotateSeconds > 0) {
        int[] generation = {1};
        scheduler.scheduleWithFixedDelay(() -> {
          try {
            String name = "server-" + ++generation[0];
            CertificateFiles.replace(Pki.newServer(ca, name), serverFiles);
            log.info(() -> "Wrote a new server certificate, " + name);
          } catch (Exception e) {
            log.warning("rotation failed: " + e);
          }
        }, rotateSeconds, rotateSeconds, TimeUnit.SECONDS);
      }
      SecureServers.blockUntilShutdown(server);
    });
  }
}
