package io.platformsandbox.app.publish;

import com.fasterxml.jackson.databind.JsonNode;
import io.platformsandbox.app.core.Json;
import io.platformsandbox.engine.plugins.bundles.BundleException;
import io.platformsandbox.engine.plugins.bundles.BundleSource;
import io.platformsandbox.engine.plugins.bundles.Bundles;
import io.platformsandbox.engine.plugins.bundles.Digests;
import io.platformsandbox.engine.plugins.bundles.PackageFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Whether a plugin folder's validation report would let it be packaged now: the report passed, and
 * its plugin id and version, {@code manifest_sha256} and {@code files_sha256} are those of the
 * folder as it is (computed with the engine's {@link PackageFiles}, as {@code sandbox package}
 * does). {@link Bundles#pack} checks the same again and has the last word.
 *
 * @param state what the report says about the folder as it is now
 * @param message one sentence for the user
 */
public record ReportMatch(State state, String message) {
  public enum State {
    /** A passing report of exactly these files. */
    MATCHES,
    /** No report yet. */
    MISSING,
    /** The last validation failed. */
    FAILED,
    /** The files or the manifest changed since the report was made. */
    STALE,
    /** The folder cannot be packaged as it is (invalid manifest, an include that matches nothing). */
    UNUSABLE
  }

  /** Reads the report and hashes the package files: blocking (disk); call from background work. */
  public static ReportMatch of(Path pluginDir) {
    Path report = Bundles.defaultReport(pluginDir);
    BundleSource source;
    try {
      source = BundleSource.read(pluginDir);
    } catch (BundleException e) {
      return new ReportMatch(State.UNUSABLE, e.getMessage());
    }
    if (!Files.isRegularFile(report)) {
      return new ReportMatch(State.MISSING, "Not validated yet: only a plugin that passed validation is packaged.");
    }
    JsonNode r;
    try {
      r = Json.MAPPER.readTree(Files.readAllBytes(report));
    } catch (IOException e) {
      return new ReportMatch(State.STALE, "The report " + report + " cannot be read (" + e.getMessage() + "): validate again.");
    }
    if (r == null || !r.isObject()) {
      return new ReportMatch(State.STALE, "The report " + report + " is not a validation report: validate again.");
    }
    if (!"pass".equals(r.path("status").asText())) {
      List<String> failed = new ArrayList<>();
      r.path("checks").forEach(c -> {
        if ("fail".equals(c.path("status").asText())) {
          failed.add(c.path("id").asText());
        }
      });
      return new ReportMatch(State.FAILED, "The last validation failed" + (failed.isEmpty() ? "" : " (" + String.join(", ", failed) + ")")
          + ": fix the plugin and validate again.");
    }
    String id = r.path("plugin").path("id").asText("");
    String version = r.path("plugin").path("version").asText("");
    if (!id.equals(source.id()) || !version.equals(source.version())) {
      return new ReportMatch(State.STALE, "The report is for " + id + " " + version + ", but plugin.yaml now says "
          + source.id() + " " + source.version() + ": validate again.");
    }
    if (!r.path("manifest_sha256").asText("").equals(Digests.sha256Hex(pluginDir.resolve(PackageFiles.MANIFEST)))) {
      return new ReportMatch(State.STALE, "plugin.yaml changed after it was validated: validate again.");
    }
    String files;
    try {
      files = PackageFiles.filesSha256(pluginDir, PackageFiles.resolve(pluginDir, source.include()));
    } catch (BundleException e) {
      return new ReportMatch(State.UNUSABLE, e.getMessage());
    }
    if (!r.path("files_sha256").asText("").equals(files)) {
      return new ReportMatch(State.STALE, "The package files changed after they were validated (a file was edited, added or removed): validate again.");
    }
    String when = r.path("started_at").asText("");
    String sandbox = r.path("sandbox_version").asText("");
    return new ReportMatch(State.MATCHES, "Passed" + (when.isEmpty() ? "" : " on " + when.replace('T', ' ').replaceFirst("\\.\\d+Z$", "Z"))
        + (sandbox.isEmpty() ? "" : " (sandbox " + sandbox + ")") + ", for the files as they are now.");
  }
}
