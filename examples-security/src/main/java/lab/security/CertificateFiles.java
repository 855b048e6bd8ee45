package lab.security;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Replacing a certificate and key on disk the way a renewal job should, for reloaders. */
public final class CertificateFiles {
  private CertificateFiles() {}

  /**
   * Writes {@code issued} next to {@code files} under temporary names, then renames each into
   * place: a reader sees the old file or the new one, never half of one. The key goes first so
   * that the certificate, whose change a reloader notices, always arrives with its key.
   */
  public static void replace(Pki.Issued issued, Pki.PemFiles files) throws IOException {
    Path dir = files.certificate().getParent();
    Path staging = Files.createTempDirectory(dir, ".staging");
    try {
      Pki.PemFiles fresh = issued.write(staging, "next");
      Files.move(fresh.key(), files.key(), StandardCopyOption.REPLACE_EXISTING,
          StandardCopyOption.ATOMIC_MOVE);
      Files.move(fresh.certificate(), files.certificate(), StandardCopyOption.REPLACE_EXISTING,
          StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(staging);
    }
  }
}
