package io.platformsandbox.mocks.internal;

import com.github.tomakehurst.wiremock.common.ssl.KeyStoreSettings;
import com.github.tomakehurst.wiremock.http.ssl.CertificateAuthority;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.Base64;

/**
 * The CA whose key signs the proxy's per-host certificates, in a JKS key store in WireMock's
 * layout (alias {@code wiremock-ca}). Generated on first use with WireMock's own generator, which
 * needs {@code sun.security.x509} exported to it; kept under the root directory when there is one
 * so that plugins trust the same CA across restarts, else in one temporary file per JVM.
 */
final class CaStore {

  static final String ALIAS = "wiremock-ca";
  static final String PASSWORD = "password";
  private static Path jvmWideFile;

  private final Path file;
  private boolean ready;

  CaStore(Path rootDir) {
    this.file = rootDir == null ? null : rootDir.resolve("ca").resolve("ca-keystore.jks");
  }

  /** Whether this JVM lets WireMock generate certificates. */
  static boolean supported() {
    Module wireMock = CertificateAuthority.class.getModule();
    return Object.class.getModule().isExported("sun.security.x509", wireMock);
  }

  synchronized KeyStoreSettings keyStoreSettings() {
    Path path = ensure();
    return new KeyStoreSettings(path.toString(), PASSWORD, "jks");
  }

  synchronized String certificatePem() {
    Path path = ensure();
    try (InputStream in = Files.newInputStream(path)) {
      KeyStore ks = KeyStore.getInstance("jks");
      ks.load(in, PASSWORD.toCharArray());
      Certificate cert = ks.getCertificate(ALIAS);
      String b64 =
          Base64.getMimeEncoder(64, "\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII))
              .encodeToString(cert.getEncoded());
      return "-----BEGIN CERTIFICATE-----\n" + b64 + "\n-----END CERTIFICATE-----\n";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot read the mock CA key store " + path, e);
    }
  }

  private Path ensure() {
    if (!supported()) {
      throw new IllegalStateException(
          "HTTPS egress needs the JVM flag --add-exports=java.base/sun.security.x509=ALL-UNNAMED");
    }
    Path path = file != null ? file : jvmWideFile();
    if (ready || Files.exists(path)) {
      ready = true;
      return path;
    }
    try {
      CertificateAuthority ca = CertificateAuthority.generateCertificateAuthority();
      KeyStore ks = KeyStore.getInstance("jks");
      ks.load(null, PASSWORD.toCharArray());
      ks.setKeyEntry(ALIAS, ca.key(), PASSWORD.toCharArray(), ca.certificateChain());
      Files.createDirectories(path.getParent());
      Path tmp = Files.createTempFile(path.getParent(), "ca", ".tmp");
      ownerOnly(tmp);
      try (OutputStream out = Files.newOutputStream(tmp)) {
        ks.store(out, PASSWORD.toCharArray());
      }
      Files.move(tmp, path, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
      ready = true;
      return path;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (Exception e) {
      throw new IllegalStateException("cannot generate the mock CA: " + e.getMessage(), e);
    }
  }

  private static synchronized Path jvmWideFile() {
    if (jvmWideFile == null) {
      try {
        Path dir = Files.createTempDirectory("platform-sandbox-ca");
        ownerOnly(dir);
        dir.toFile().deleteOnExit();
        jvmWideFile = dir.resolve("ca-keystore.jks");
        jvmWideFile.toFile().deleteOnExit();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return jvmWideFile;
  }

  private static void ownerOnly(Path p) {
    try {
      boolean dir = Files.isDirectory(p);
      Files.setPosixFilePermissions(
          p, PosixFilePermissions.fromString(dir ? "rwx------" : "rw-------"));
    } catch (UnsupportedOperationException | IOException e) {
      // not a POSIX file system: the temp dir's defaults apply
    }
  }
}
