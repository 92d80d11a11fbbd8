package io.platformsandbox.engine.testsupport;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.platformsandbox.engine.json.Json;
import io.platformsandbox.engine.plugins.bundles.BundleSource;
import io.platformsandbox.engine.plugins.bundles.Bundles;
import io.platformsandbox.engine.plugins.bundles.Digests;
import io.platformsandbox.engine.plugins.bundles.PackageFiles;
import io.platformsandbox.engine.plugins.bundles.PublisherKeys;
import io.platformsandbox.engine.plugins.bundles.VerifiedBundle;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Small real plugin folders, their validation reports (written with {@link PackageFiles}, the
 * binding contract the validator uses) and bundles, for the bundle, marketplace and CLI tests.
 */
public final class BundleFixtures {
  public static final String ID = "acme.crm-sync";
  public static final String VERSION = "1.4.0";

  private BundleFixtures() {}

  /** {@code dir} becomes a plugin {@code acme.crm-sync} at {@code version}, with a few files. */
  public static Path plugin(Path dir, String version) {
    return plugin(dir, ID, version);
  }

  /** {@code dir} becomes a plugin {@code id} at {@code version}, with a few files. */
  public static Path plugin(Path dir, String id, String version) {
    write(
        dir.resolve("plugin.yaml"),
        "id: " + id + "\n"
            + "name: CRM Sync\n"
            + "version: " + version + "\n"
            + "publisher: acme\n"
            + "description: Pushes new contacts to the Acme CRM.\n"
            + "platform: \"^1.0\"\n"
            + "runtime:\n"
            + "  command: [\"node\", \"src/main.js\"]\n"
            + "scopes: [records:read]\n"
            + "package:\n"
            + "  include: [\"plugin.yaml\", \"target/crm-sync.jar\", \"src/**\", \"fixtures/\"]\n");
    write(dir.resolve("src/main.js"), "console.log('crm-sync');\n");
    write(dir.resolve("src/lib/util.js"), "module.exports = {};\n");
    write(dir.resolve("fixtures/seed.yaml"), "collections: []\n");
    write(dir.resolve("README.md"), "not packaged\n");
    byte[] jar = new byte[3000];
    for (int i = 0; i < jar.length; i++) {
      jar[i] = (byte) (i * 31 + 7);
    }
    try {
      Files.createDirectories(dir.resolve("target"));
      Files.write(dir.resolve("target/crm-sync.jar"), jar);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return dir;
  }

  public static Path plugin(Path dir) {
    return plugin(dir, VERSION);
  }

  /** A passing report for the folder as it is now, at the default place the validator writes it. */
  public static Path passingReport(Path pluginDir) {
    BundleSource source = BundleSource.read(pluginDir);
    List<String> files = PackageFiles.resolve(pluginDir, source.include());
    return report(
        Bundles.defaultReport(pluginDir),
        source.id(),
        source.version(),
        Digests.sha256Hex(pluginDir.resolve("plugin.yaml")),
        PackageFiles.filesSha256(pluginDir, files),
        "pass");
  }

  /** A report with exactly these values (DESIGN §6 shape). */
  public static Path report(Path file, String id, String version, String manifestSha256, String filesSha256, String status) {
    ObjectNode report = Json.object();
    report.putObject("plugin").put("id", id).put("version", version);
    report.put("sandbox_version", "0.1.0-test");
    report.put("manifest_sha256", manifestSha256);
    report.put("files_sha256", filesSha256);
    report.put("status", status);
    report.put("started_at", "2025-01-01T00:00:00Z");
    report.put("duration_ms", 1234);
    ObjectNode check = report.putArray("checks").addObject();
    check.put("id", "M01").put("title", "manifest is valid").put("status", status).put("reason", "checked");
    check.putArray("evidence");
    check.put("duration_ms", 3);
    write(file, Json.string(report) + "\n");
    return file;
  }

  public static PublisherKeys keys(Path dir) {
    return PublisherKeys.generate(dir, false);
  }

  /** A plugin folder under {@code work}, validated and packed with {@code keys}; returns the bundle. */
  public static VerifiedBundle bundle(Path work, PublisherKeys keys, String version) {
    return bundle(work, keys, ID, version);
  }

  public static VerifiedBundle bundle(Path work, PublisherKeys keys, String id, String version) {
    Path dir = plugin(work.resolve("plugin-" + id + "-" + version), id, version);
    passingReport(dir);
    return Bundles.pack(dir, Bundles.defaultReport(dir), keys, work.resolve("dist-" + id + "-" + version));
  }

  /** Every file under {@code root} (relative path → bytes), to prove that nothing changed. */
  public static Map<String, String> tree(Path root) {
    Map<String, String> out = new TreeMap<>();
    if (!Files.exists(root)) {
      return out;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      paths.forEach(
          p -> {
            String rel = root.relativize(p).toString();
            out.put(rel + (Files.isDirectory(p) ? "/" : ""), Files.isDirectory(p) ? "" : Digests.sha256Hex(p));
          });
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  public static void write(Path file, String text) {
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      Files.writeString(file, text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
