package lab.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import lab.common.Main;
import lab.testing.Console;
import lab.testing.GrpcCleanupExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * SecureClient in each of the README's cases, against the lesson's own server: what it prints,
 * and its exit code, which is how the tour and the docs runner see a refused client. Run in
 * this JVM through Main's exit-code core; SecureClientProcessTest runs the real main once.
 */
class SecureClientTest {
  @RegisterExtension
  final GrpcCleanupExtension grpc = new GrpcCleanupExtension();
  @TempDir
  Path pki;

  private final List<SecureLab> labs = new ArrayList<>();
  private final Console console = new Console();

  @AfterEach
  void stopTheLabs() throws InterruptedException {
    for (SecureLab lab : labs) {
      lab.close();
    }
  }

  @Test
  void aliceWithHerCertificateAndTokenMakesEveryCallAndExits0() throws Exception {
    assertEquals(0, client(mtls(), "--cert", "alice"), printed());
    assertTrue(out().matches("WhoAmI: OK certificate_subject: \"CN=alice\" user: \"alice\"\n"
        + "AddVideo: OK s\\d+\nListVideos: OK 1 videos\n"), out());
    assertEquals("", err());
  }

  @Test
  void bobIsDeniedAddingAVideoStillListsAndTheClientExits1() throws Exception {
    assertEquals(1, client(mtls(), "--cert", "bob", "--token", VideoLabAuth.BOB_TOKEN));
    assertEquals("WhoAmI: OK certificate_subject: \"CN=bob\" user: \"bob\"\n"
        + "AddVideo: PERMISSION_DENIED bob lacks role editor\nListVideos: OK 0 videos\n", out());
    assertEquals("error: the call failed with PERMISSION_DENIED: bob lacks role editor\n", err());
  }

  @Test
  void noTokenIsUnauthenticatedTheClientStopsThereAndExits1() throws Exception {
    assertEquals(1, client(mtls(), "--cert", "alice", "--token", "none"));
    assertEquals("WhoAmI: UNAUTHENTICATED no bearer token\n", out());
    assertEquals("error: the call failed with UNAUTHENTICATED: no bearer token\n", err());
  }

  @Test
  void aWrongTokenIsUnauthenticatedAndTheClientExits1() throws Exception {
    assertEquals(1, client(mtls(), "--cert", "alice", "--token", "wrong"));
    assertEquals("WhoAmI: UNAUTHENTICATED invalid token\n", out());
    assertEquals("error: the call failed with UNAUTHENTICATED: invalid token\n", err());
  }

  @Test
  void noClientCertificateIsUnavailableAndTheClientExits1() throws Exception {
    SecureLab lab = mtls();
    assertEquals(1, client(lab, "--cert", "none"));
    assertRefusedInTheHandshake(lab);
  }

  @Test
  void aCertificateFromAnotherCaIsUnavailableAndTheClientExits1() throws Exception {
    SecureLab lab = mtls();
    assertEquals(1, client(lab, "--cert", "stranger"));
    assertRefusedInTheHandshake(lab);
  }

  @Test
  void aPlaintextClientAgainstTlsIsUnavailableAndExits1() throws Exception {
    SecureLab lab = mtls();
    assertEquals(1, client(lab, "--plaintext"));
    assertRefusedInTheHandshake(lab);
  }

  @Test
  void againstAPlaintextServerTheTokenIsNotSentAndTheClientExits1() throws Exception {
    SecureLab lab = lab(SecureServer.Protection.PLAINTEXT);
    assertEquals(1, client(lab, "--plaintext"));
    String refused = "UNAUTHENTICATED refusing to send a bearer token over a connection with"
        + " security level NONE (use TLS)";
    assertEquals("WhoAmI: " + refused + "\n", out());
    assertEquals("error: the call failed with " + refused.replaceFirst(" ", ": ") + "\n", err());
  }

  @Test
  void againstAPlaintextServerAnAllowedTokenIsSentAndTheClientExits0() throws Exception {
    SecureLab lab = lab(SecureServer.Protection.PLAINTEXT);
    assertEquals(0, client(lab, "--plaintext", "--allow-plaintext-token"), printed());
    assertTrue(out().matches("WhoAmI: OK user: \"alice\"\nAddVideo: OK s\\d+\n"
        + "ListVideos: OK 1 videos\n"), out());
  }

  private void assertRefusedInTheHandshake(SecureLab lab) {
    assertTrue(out().matches("WhoAmI: UNAVAILABLE [^\n]+\n"), out());
    assertTrue(err().startsWith("error: the call failed with UNAVAILABLE"), err());
    assertEquals(0, lab.store.size());
  }

  private SecureLab mtls() throws Exception {
    return lab(SecureServer.Protection.MUTUAL_TLS);
  }

  private SecureLab lab(SecureServer.Protection protection) throws Exception {
    SecureLab lab = new SecureLab(grpc, pki, protection,
        Executors.newSingleThreadScheduledExecutor());
    labs.add(lab);
    return lab;
  }

  /** SecureClient's main body with {@code args}, against {@code lab}; returns the exit code. */
  private int client(SecureLab lab, String... args) throws Exception {
    List<String> all = new ArrayList<>(List.of(
        "--target", "localhost:" + lab.port(), "--pki", lab.pki.toString()));
    all.addAll(List.of(args));
    return Main.exitCode(all.toArray(String[]::new), SecureClient.USAGE,
        SecureClient.START_SERVER, flags -> SecureClient.run(flags, console.stdout()),
        console.stderr());
  }

  private String out() {
    return console.out();
  }

  private String err() {
    return console.err();
  }

  private String printed() {
    return out() + err();
  }
}
