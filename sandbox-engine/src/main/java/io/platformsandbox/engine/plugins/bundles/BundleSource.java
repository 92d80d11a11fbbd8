package io.platformsandbox.engine.plugins.bundles;

import com.fasterxml.jackson.databind.JsonNode;
import io.platformsandbox.engine.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
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
   * Reads the fields bundles need from manifest bytes; only what bundles rely on is checked here
   * (the validator checks the whole manifest).
   */
  // TODO(merge): use plugins.manifest.Manifest
  static BundleSource parse(Path dir, byte[] yaml) {
    JsonNode root;
    try {
      root = Json.YAML.readTree(yaml);
    } catch (IOException e) {
      throw new BundleException(PackageFiles.MANIFEST + " is not valid YAML: " + firstLine(e.getMessage()));
    }
    if (root == null || !root.isObject()) {
      throw new BundleException(PackageFiles.MANIFEST + " must be a YAML mapping (id:, version:, ...)");
    }
    String id = text(root, "id");
    if (!ID.matcher(id).matches()) {
      throw new BundleException(PackageFiles.MANIFEST + ": id '" + id + "' is not like acme.crm-sync ([a-z0-9]+(.[a-z0-9-]+)+)");
    }
    String version = text(root, "version");
    if (!SEMVER.matcher(version).matches()) {
      throw new BundleException(PackageFiles.MANIFEST + ": version '" + version + "' is not a semantic version such as 1.4.0");
    }
    String publisher = text(root, "publisher");
    String name = root.path("name").isValueNode() ? root.get("name").asText() : id;
    String description = root.path("description").isValueNode() ? root.get("description").asText() : "";
    List<String> include = new ArrayList<>();
    JsonNode includeNode = root.path("package").path("include");
    if (!includeNode.isMissingNode() && !includeNode.isNull()) {
      if (!includeNode.isArray()) {
        throw new BundleException(PackageFiles.MANIFEST + ": package.include must be a list of paths or globs");
      }
      for (JsonNode entry : includeNode) {
        if (!entry.isTextual()) {
          throw new BundleException(PackageFiles.MANIFEST + ": package.include has " + entry + ", which is not a path");
        }
        include.add(entry.asText());
      }
    }
    return new BundleSource(dir, id, name, version, publisher, description, include);
  }

  private static String text(JsonNode root, String field) {
    JsonNode node = root.get(field);
    if (node == null || !node.isValueNode() || node.isNull() || node.asText().isBlank()) {
      throw new BundleException(PackageFiles.MANIFEST + ": '" + field + "' is required");
    }
    return node.asText();
  }

  private static String firstLine(String message) {
    String m = String.valueOf(message);
    int nl = m.indexOf('\n');
    return nl < 0 ? m : m.substring(0, nl);
  }
}
