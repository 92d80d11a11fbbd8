package io.platformsandbox.engine.plugins.bundles;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What {@link Bundles#verify} proved about a bundle file: every hash, the signature, and a passing
 * report bound to exactly these files and this manifest. Immutable.
 *
 * @param file the bundle file as verified
 * @param publicKeyPem the signer's key, canonical PEM ({@code publisher.pub})
 * @param keyFingerprint hex SHA-256 of the signer's DER public key
 * @param sha256 hex SHA-256 of the whole bundle file
 * @param size the bundle file's size in bytes
 * @param sandboxVersion the {@code sandbox_version} that wrote the report
 * @param entrySha256 every entry of the bundle (package files and bundle files) → hex SHA-256
 */
public record VerifiedBundle(
    Path file,
    String id,
    String version,
    String name,
    String publisher,
    String description,
    String publicKeyPem,
    String keyFingerprint,
    String sha256,
    long size,
    String sandboxVersion,
    SortedMap<String, String> entrySha256) {

  private static final Set<String> BUNDLE_FILES = Set.of(Bundles.CHECKSUMS, Bundles.SIGNATURE, Bundles.PUBLIC_KEY, Bundles.REPORT);

  public VerifiedBundle {
    entrySha256 = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(entrySha256));
  }

  /** The plugin's own files (plugin.yaml and package.include), sorted. */
  public List<String> files() {
    return entrySha256.keySet().stream().filter(name -> !BUNDLE_FILES.contains(name)).toList();
  }

  /** {@code id@version}. */
  public String coordinates() {
    return id + "@" + version;
  }

  /** The same facts for the same bytes at another path (after a rename). */
  public VerifiedBundle withFile(Path other) {
    return new VerifiedBundle(
        other, id, version, name, publisher, description, publicKeyPem, keyFingerprint, sha256, size, sandboxVersion, entrySha256);
  }
}
