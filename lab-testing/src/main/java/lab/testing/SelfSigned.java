package lab.testing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;

/**
 * A self-signed EC certificate for localhost and 127.0.0.1, made by the JDK's keytool (so no
 * certificate library is needed), valid for a day: the key for a TLS test server, and the
 * certificate as PEM for a client to trust.
 *
 * @param keyStore the PKCS#12 file holding key and certificate
 * @param certificatePem the certificate alone, PEM-encoded (a client's --ca)
 */
public record SelfSigned(Path keyStore, Path certificatePem) {
  private static final char[] PASSWORD = "lab-only".toCharArray();

  /** Makes the key pair and the PEM in {@code dir}. */
  public static SelfSigned in(Path dir) throws IOException, InterruptedException {
    Path store = dir.resolve("server.p12");
    Path pem = dir.resolve("server.pem");
    keytool("-genkeypair", "-alias", "server", "-keyalg", "EC", "-groupname", "secp256r1",
        "-dname", "CN=localhost", "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-validity", "1",
        "-storetype", "PKCS12", "-keystore", store.toString(),
        "-storepass", new String(PASSWORD), "-keypass", new String(PASSWORD));
    keytool("-exportcert", "-rfc", "-alias", "server", "-keystore", store.toString(),
        "-storepass", new String(PASSWORD), "-file", pem.toString());
    return new SelfSigned(store, pem);
  }

  /** The key managers a TLS server is built with. */
  public KeyManagerFactory keyManagers() throws IOException, GeneralSecurityException {
    KeyStore keys = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(keyStore)) {
      keys.load(in, PASSWORD);
    }
    KeyManagerFactory factory =
        KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    factory.init(keys, PASSWORD);
    return factory;
  }

  private static void keytool(String... args) throws IOException, InterruptedException {
    List<String> command = new java.util.ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
    command.addAll(List.of(args));
    Process keytool = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(keytool.getInputStream().readAllBytes());
    if (!keytool.waitFor(60, TimeUnit.SECONDS) || keytool.exitValue() != 0) {
      keytool.destroyForcibly();
      throw new IOException("keytool " + args[0] + " failed: " + output);
    }
  }
}
