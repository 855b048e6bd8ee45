package lab.security;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A throw-away certificate authority for the lab, made with Bouncy Castle at run time: the JDK
 * can use certificates but has no public API to create them. Nothing it makes is committed;
 * real deployments get their certificates from a real CA (see the README). EC P-256 keys: fast
 * to generate, and understood by every TLS stack the lab talks to.
 */
public final class Pki {
  private static final SecureRandom random = new SecureRandom();
  private static final Duration VALIDITY = Duration.ofDays(1);
  private static final GeneralNames LOOPBACK_NAMES = new GeneralNames(new GeneralName[] {
      new GeneralName(GeneralName.dNSName, "localhost"),
      new GeneralName(GeneralName.iPAddress, "127.0.0.1")});

  private Pki() {}

  /** A certificate and its private key. */
  public record Issued(X509Certificate certificate, PrivateKey key) {
    public String subject() {
      return certificate.getSubjectX500Principal().getName();
    }

    /** Writes {@code name}.crt and {@code name}.key (PEM; the key readable by the owner only). */
    public PemFiles write(Path dir, String name) throws IOException {
      PemFiles files = new PemFiles(dir.resolve(name + ".crt"), dir.resolve(name + ".key"));
      Files.writeString(files.certificate(), certificatePem(), StandardCharsets.US_ASCII);
      Files.writeString(files.key(), pemOf(key), StandardCharsets.US_ASCII);
      try {
        Files.setPosixFilePermissions(files.key(), PosixFilePermissions.fromString("rw-------"));
      } catch (UnsupportedOperationException notPosix) {
        // Windows: the temp directory's own ACL is all we get
      }
      return files;
    }

    public String certificatePem() {
      try {
        return pem("CERTIFICATE", certificate.getEncoded());
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException(e);
      }
    }
  }

  /** Where a certificate and its key were written. */
  public record PemFiles(Path certificate, Path key) {}

  /** A self-signed CA certificate: it may sign others and nothing else. */
  public static Issued newCa(String commonName) throws GeneralSecurityException {
    KeyPair keys = newKeys();
    X500Name name = new X500Name("CN=" + commonName);
    var builder = builder(name, name, keys);
    try {
      builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
      builder.addExtension(Extension.keyUsage, true,
          new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
    } catch (IOException e) {
      throw new GeneralSecurityException(e);
    }
    return new Issued(sign(builder, keys.getPrivate()), keys.getPrivate());
  }

  /**
   * A server certificate signed by {@code ca}, valid for localhost and 127.0.0.1: the client
   * checks that the name it dialled is in the certificate (hostname verification).
   */
  public static Issued newServer(Issued ca, String commonName) throws GeneralSecurityException {
    return issue(ca, newKeys(), commonName, KeyPurposeId.id_kp_serverAuth, LOOPBACK_NAMES);
  }

  /** A client certificate signed by {@code ca}: its subject is the client's identity. */
  public static Issued newClient(Issued ca, String commonName) throws GeneralSecurityException {
    return issue(ca, newKeys(), commonName, KeyPurposeId.id_kp_clientAuth, null);
  }

  /** A self-signed server certificate: enough for encryption, proves nothing about identity. */
  public static Issued newSelfSignedServer(String commonName) throws GeneralSecurityException {
    KeyPair keys = newKeys();
    return issue(null, keys, commonName, KeyPurposeId.id_kp_serverAuth, LOOPBACK_NAMES);
  }

  /** Issues a certificate for {@code keys}, signed by {@code ca}, or by itself when it is null. */
  private static Issued issue(Issued ca, KeyPair keys, String commonName, KeyPurposeId purpose,
      GeneralNames altNames) throws GeneralSecurityException {
    X500Name subject = new X500Name("CN=" + commonName);
    X500Name issuer = ca == null ? subject
        : X500Name.getInstance(ca.certificate().getSubjectX500Principal().getEncoded());
    var builder = builder(issuer, subject, keys);
    try {
      builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
      builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
      builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purpose));
      if (altNames != null) {
        builder.addExtension(Extension.subjectAlternativeName, false, altNames);
      }
    } catch (IOException e) {
      throw new GeneralSecurityException(e);
    }
    return new Issued(sign(builder, ca == null ? keys.getPrivate() : ca.key()), keys.getPrivate());
  }

  private static KeyPair newKeys() throws GeneralSecurityException {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(256, random);
    return generator.generateKeyPair();
  }

  private static X509v3CertificateBuilder builder(X500Name issuer, X500Name subject,
      KeyPair keys) {
    Instant now = Instant.now();
    // Valid from an hour ago: a peer whose clock is a little behind still accepts it.
    return new JcaX509v3CertificateBuilder(issuer, new BigInteger(64, random).add(BigInteger.ONE),
        Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(VALIDITY)), subject,
        keys.getPublic());
  }

  private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey issuerKey)
      throws GeneralSecurityException {
    try {
      var signer = new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKey);
      return new JcaX509CertificateConverter().getCertificate(builder.build(signer));
    } catch (OperatorCreationException e) {
      throw new GeneralSecurityException(e);
    }
  }

  /** A private key as PEM (PKCS#8, "BEGIN PRIVATE KEY"), the form grpc-java and Netty read. */
  public static String pemOf(PrivateKey key) {
    return pem("PRIVATE KEY", key.getEncoded());
  }

  private static String pem(String type, byte[] der) {
    String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
        .encodeToString(der);
    return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
  }
}
