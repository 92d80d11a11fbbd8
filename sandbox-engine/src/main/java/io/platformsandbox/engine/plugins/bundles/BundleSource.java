package io.platformsandbox.engine.plugins.bundles;

import io.platformsandbox.engine.plugins.manifest.Manifest;
import io.platformsandbox.engine.plugins.manifest.ManifestException;
import io.platformsandbox.engine.plugins.manifest.ManifestParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The few manifest fields that packaging, verifying and publishing need, read from a plugin folder
 * or from a bundle's {@code plugin.yaml}. Immutable.
 *
 * @param dir the plugin folder ({@code null} when read from a bundle)
 * @param include {@code package.include} as written (plugin.yaml is always added by {@link PackageFiles})
 */
public record BundleSource(
    Path dir, String id, String name, String version, String publisher, String description, List<String> include) {

  /** DESIGN §5: {@code [a-z0-9]+(\.[a-z0-9-]+)+}. It also keeps registry paths safe. */
  public static final Pattern ID = Pattern.compile("[a-z0-9]+(\\.[a-z0-9-]+)+");

  /** Semantic Versioning 2.0.0 (semver.org's own expression). */
  public static final Pattern SEMVER =
      Pattern.compile(
          "(0|[1-9]\\d*)\\.(0|[1-9]\\d*)\\.(0|[1-9]\\d*)"
              + "(?:-((?:0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\\.(?:0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?"
              + "(?:\\+([0-9a-zA-Z-]+(?:\\.[0-9a-zA-Z-]+)*))?");

  public BundleSource {
    include = List.copyOf(include);
  }

  /** Reads {@code dir/plugin.yaml}. */
  public static BundleSource read(Path dir) {
    byte[] yaml;
    try {
      yaml = Files.readAllBytes(dir.resolve(PackageFiles.MANIFEST));
    } catch (NoSuchFileException e) {
      throw new BundleException("there is no " + PackageFiles.MANIFEST + " in " + dir);
    } catch (IOException e) {
      throw new BundleException("cannot read " + dir.resolve(PackageFiles.MANIFEST) + ": " + e.getMessage());
    }
    return parse(dir, yaml);
  }

  /** The bundle's file name: {@code <id>-<version>.plugin.zip}. */
  public String bundleFileName() {
    return id + "-" + version + Bundles.EXTENSION;
  }

  /**
   * Reads the fields bundles need from manifest bytes, with the same parser and schema as the
   * validator; a bundle also needs a semantic version (the validator's M02).
   */
  static BundleSource parse(Path dir, byte[] yaml) {
    Manifest m;
    try {
      m = ManifestParser.parse(dir == null ? Path.of(".") : dir, yaml);
    } catch (ManifestException e) {
      throw new BundleException(PackageFiles.MANIFEST + " is not valid: " + e.errors().get(0)
          + (e.errors().size() > 1 ? " (and " + (e.errors().size() - 1) + " more)" : ""));
    }
    if (!SEMVER.matcher(m.version()).matches()) {
      throw new BundleException(PackageFiles.MANIFEST + ": version '" + m.version() + "' is not a semantic version such as 1.4.0");
    }
    return new BundleSource(dir, m.id(), m.name(), m.version(), m.publisher(), m.description(), m.packageInclude());
  }
}
