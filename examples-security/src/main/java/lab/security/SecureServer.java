package lab.security;

import io.grpc.InsecureServerCredentials;
import io.grpc.Server;
import io.grpc.ServerCredentials;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;
import lab.common.Flags;
import lab.common.LabServer;
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

  /** What guards the port. */
  public enum Protection {
    /** No TLS at all, only to watch clients' token credentials refuse to talk to it. */
    PLAINTEXT,
    TLS,
    /** TLS, and the client must present a certificate the lab's CA signed. */
    MUTUAL_TLS;

    /** --plaintext wins over --mtls: asked for no TLS, the server uses none. */
    static Protection of(Flags flags) {
      return flags.bool("plaintext") ? PLAINTEXT : flags.bool("mtls") ? MUTUAL_TLS : TLS;
    }
  }

  /** A started lab: its server, the TLS that re-reads the certificate files, and its CA. */
  public record Running(LabServer lab, ReloadingTls tls, Pki.Issued ca, Pki.PemFiles serverFiles) {
    public Server server() {
      return lab.server();
    }

    /** Issues a server certificate named {@code commonName} into the files, as a renewal job. */
    public void renew(String commonName) throws IOException, GeneralSecurityException {
      CertificateFiles.replace(Pki.newServer(ca, commonName), serverFiles);
    }
  }

  public static void main(String[] args) throws Exception {
    Main.run(args, USAGE, flags ->
        serve(flags, Executors.newSingleThreadScheduledExecutor()).lab().blockUntilShutdown());
  }

  /**
   * What the main does before it blocks: the PKI in {@code --pki} (or a new temp directory),
   * the server as the flags ask, the line the tour and the docs runner wait for ("on
   * 127.0.0.1:PORT"), and with {@code --rotate-seconds N} a renewal every N seconds on
   * {@code scheduler}: server-2, server-3, ... written over the same files.
   */
  static Running serve(Flags flags, ScheduledExecutorService scheduler) throws Exception {
    Path dir = flags.string("pki", "").isEmpty() ? Files.createTempDirectory("grpc-lab-pki")
        : Files.createDirectories(Path.of(flags.string("pki", "")));
    Protection protection = Protection.of(flags);
    Running running = start(flags.port(DEFAULT_PORT), dir, protection, new VideoStore(),
        scheduler);
    log.info(() -> "Listening on 127.0.0.1:" + running.server().getPort() + " (" + protection
        + ", tokens required); PKI in " + dir);

    int rotateSeconds = flags.integer("rotate-seconds", 0);
    if (rotateSeconds > 0) {
      AtomicInteger generation = new AtomicInteger(1);
      scheduler.scheduleWithFixedDelay(() -> {
        String name = "server-" + generation.incrementAndGet();
        try {
          running.renew(name);
          log.info(() -> "Wrote a new server certificate, " + name);
        } catch (Exception e) {
          log.warning("rotation to " + name + " failed: " + e); // the next one may succeed
        }
      }, rotateSeconds, rotateSeconds, TimeUnit.SECONDS);
    }
    return running;
  }

  /**
   * Writes a new PKI into {@code dir} (ca.crt without its key, server-1, alice, bob, and
   * stranger from another CA), then starts the lab on 127.0.0.1:{@code port} (0 = any free
   * port) with {@code protection}: WhoAmI and the video service over {@code store}, behind the
   * client-certificate identity and the token check. The certificate files are checked for
   * renewals every minute on {@code scheduler}.
   */
  public static Running start(int port, Path dir, Protection protection, VideoStore store,
      ScheduledExecutorService scheduler) throws IOException, GeneralSecurityException {
    Pki.Issued ca = Pki.newCa("grpc-lab CA");
    Path caFile = ca.write(dir, "ca").certificate();
    Files.delete(dir.resolve("ca.key")); // the CA key stays in this process only
    Pki.PemFiles serverFiles = Pki.newServer(ca, "server-1").write(dir, "server");
    Pki.newClient(ca, "alice").write(dir, "alice");
    Pki.newClient(ca, "bob").write(dir, "bob");
    Pki.newClient(Pki.newCa("some other CA"), "stranger").write(dir, "stranger");

    var tls = new ReloadingTls(serverFiles,
        protection == Protection.MUTUAL_TLS ? caFile : null, Duration.ofMinutes(1), scheduler);
    ServerCredentials credentials = protection == Protection.PLAINTEXT
        ? InsecureServerCredentials.create() : tls.serverCredentials();
    LabServer server = SecureServers.start(port, credentials,
        List.of(new ClientCertificateIdentity(), VideoLabAuth.interceptor()),
        new WhoAmIService().bindService(), new VideoService(store).bindService());
    return new Running(server, tls, ca, serverFiles);
  }
}
