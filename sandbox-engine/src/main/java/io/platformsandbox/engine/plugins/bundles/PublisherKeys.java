package io.platformsandbox.engine.plugins.bundles;

import io.platformsandbox.engine.plugins.bundles.internal.Pem;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Map;
import java.util.Set;

/**
 * A publisher's Ed25519 key pair (the JDK's own Ed25519), kept in a keys folder outside any
 * workspace: {@value #PRIVATE_FILE} (PKCS#8 PEM {@code PRIVATE KEY}, mode 600) and {@value
 * #PUBLIC_FILE} (X.509 PEM {@code PUBLIC KEY}, mode 600 too) in a folder of mode 700. OpenSSL reads and writes
 * both formats, so a key made with {@code openssl genpkey -algorithm ed25519} works too.
 *
 * <p>Immutable once loaded; thread-safe.
 */
public final class PublisherKeys {
  /** Overrides the keys folder (tests, CI, several identities). */
  public static final String ENV = "PLATFORM_SANDBOX_KEYS";

  public static final String PRIVATE_FILE = "publisher.key";
  public static final String PUBLIC_FILE = "publisher.pub";

  private static final String ALGORITHM = "Ed25519";
  private static final Set<PosixFilePermission> DIR_700 = PosixFilePermissions.fromString("rwx------");
  private static final Set<PosixFilePermission> FILE_600 = PosixFilePermissions.fromString("rw-------");

  private final Path dir;
  private final PublicKey publicKey;
  private final PrivateKey privateKey;

  private PublisherKeys(Path dir, PublicKey publicKey, PrivateKey privateKey) {
    this.dir = dir;
    this.publicKey = publicKey;
    this.privateKey = privateKey;
  }

  /** {@code $PLATFORM_SANDBOX_KEYS} if set, else {@code ~/.platform-sandbox/keys}. */
  public static Path defaultDir() {
    return defaultDir(System.getenv(), System.getProperty("user.home"));
  }

  static Path defaultDir(Map<String, String> env, String userHome) {
    String override = env.get(ENV);
    if (override != null && !override.isBlank()) {
      return Path.of(override);
    }
    return Path.of(userHome, ".platform-sandbox", "keys");
  }

  /**
   * Makes a new key pair in {@code dir} (created with mode 700). The private key file is created
   * with mode 600 before any byte is written to it.
   *
   * @throws BundleException when a key is already there and {@code force} is false
   */
  public static PublisherKeys generate(Path dir, boolean force) {
    Path privateFile = dir.resolve(PRIVATE_FILE);
    Path publicFile = dir.resolve(PUBLIC_FILE);
    if (!force && (Files.exists(privateFile, LinkOption.NOFOLLOW_LINKS) || Files.exists(publicFile, LinkOption.NOFOLLOW_LINKS))) {
      throw new BundleException(
          "a publisher key already exists in " + dir + "; bundles signed with it are pinned to it in registries."
              + " Pass --force to replace it anyway");
    }
    KeyPair pair;
    try {
      pair = KeyPairGenerator.getInstance(ALGORITHM).generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("this JDK has no Ed25519", e);
    }
    try {
      createPrivateDir(dir);
      writeOwnerOnly(privateFile, Pem.encode("PRIVATE KEY", pair.getPrivate().getEncoded()).getBytes(StandardCharsets.US_ASCII), FILE_600);
      writeOwnerOnly(publicFile, Pem.encode("PUBLIC KEY", pair.getPublic().getEncoded()).getBytes(StandardCharsets.US_ASCII), FILE_600);
    } catch (IOException e) {
      throw new BundleException("cannot write the key pair to " + dir + ": " + e.getMessage(), e);
    }
    return new PublisherKeys(dir, pair.getPublic(), pair.getPrivate());
  }

  /** Loads both keys from {@code dir}, for signing. */
  public static PublisherKeys load(Path dir) {
    PublicKey pub = loadPublic(dir);
    Path privateFile = dir.resolve(PRIVATE_FILE);
    String text = readKeyFile(privateFile);
    PrivateKey key;
    try {
      key = KeyFactory.getInstance(ALGORITHM).generatePrivate(new PKCS8EncodedKeySpec(Pem.decode(text, "PRIVATE KEY")));
    } catch (IllegalArgumentException | GeneralSecurityException e) {
      throw new BundleException(privateFile + " is not an Ed25519 private key in PKCS#8 PEM (" + e.getMessage() + ")");
    }
    return new PublisherKeys(dir, pub, key);
  }

  /** Loads only the public key from {@code dir} ({@code sandbox keys show}). */
  public static PublicKey loadPublic(Path dir) {
    Path publicFile = dir.resolve(PUBLIC_FILE);
    try {
      return parsePublic(readKeyFile(publicFile));
    } catch (BundleException e) {
      throw new BundleException(publicFile + ": " + e.getMessage());
    }
  }

  /** An Ed25519 public key from PEM {@code PUBLIC KEY} text. */
  public static PublicKey parsePublic(String pem) {
    try {
      return KeyFactory.getInstance(ALGORITHM).generatePublic(new X509EncodedKeySpec(Pem.decode(pem, "PUBLIC KEY")));
    } catch (IllegalArgumentException | GeneralSecurityException e) {
      throw new BundleException("not an Ed25519 public key in PEM (" + e.getMessage() + ")");
    }
  }

  /** The canonical PEM text of a public key, as bundles carry it. */
  public static String publicPem(PublicKey key) {
    return Pem.encode("PUBLIC KEY", key.getEncoded());
  }

  /**
   * Hex SHA-256 of the key's DER {@code SubjectPublicKeyInfo}; the same as {@code openssl pkey
   * -pubin -in publisher.pub -outform DER | sha256sum}.
   */
  public static String fingerprint(PublicKey key) {
    return Digests.sha256Hex(key.getEncoded());
  }

  public Path dir() {
    return dir;
  }

  public PublicKey publicKey() {
    return publicKey;
  }

  public String publicPem() {
    return publicPem(publicKey);
  }

  public String fingerprint() {
    return fingerprint(publicKey);
  }

  /** The raw 64-byte Ed25519 signature of {@code data}. */
  byte[] sign(byte[] data) {
    if (privateKey == null) {
      throw new IllegalStateException("no private key loaded");
    }
    try {
      Signature signer = Signature.getInstance(ALGORITHM);
      signer.initSign(privateKey);
      signer.update(data);
      return signer.sign();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Ed25519 signing failed", e);
    }
  }

  static boolean verify(PublicKey key, byte[] data, byte[] signature) {
    try {
      Signature verifier = Signature.getInstance(ALGORITHM);
      verifier.initVerify(key);
      verifier.update(data);
      return verifier.verify(signature);
    } catch (GeneralSecurityException e) {
      return false;
    }
  }

  private static String readKeyFile(Path file) {
    try {
      return Files.readString(file, StandardCharsets.US_ASCII);
    } catch (NoSuchFileException e) {
      throw new BundleException("there is no publisher key at " + file + "; make one with 'sandbox keys generate'");
    } catch (IOException e) {
      throw new BundleException("cannot read " + file + ": " + e.getMessage());
    }
  }

  private static boolean posix(Path dir) {
    return Files.getFileAttributeView(dir, PosixFileAttributeView.class) != null;
  }

  private static void createPrivateDir(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      Path parent = dir.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      try {
        if (posix(parent)) {
          Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(DIR_700));
        } else {
          Files.createDirectory(dir);
        }
      } catch (FileAlreadyExistsException e) {
        // made meanwhile: tightened below
      }
    }
    if (posix(dir)) {
      Files.setPosixFilePermissions(dir, DIR_700);
    }
  }

  /** Temp file created with its final mode, written, synced, then renamed over the target. */
  private static void writeOwnerOnly(Path target, byte[] content, Set<PosixFilePermission> mode) throws IOException {
    Path dir = target.getParent();
    boolean posix = posix(dir);
    FileAttribute<?>[] attrs = posix ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(FILE_600)} : new FileAttribute<?>[0];
    Path tmp = Files.createTempFile(dir, "." + target.getFileName(), ".tmp", attrs);
    try {
      try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
        ch.write(java.nio.ByteBuffer.wrap(content));
        ch.force(true);
      }
      if (posix) {
        Files.setPosixFilePermissions(tmp, mode);
      }
      try {
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(tmp);
    }
  }
}
