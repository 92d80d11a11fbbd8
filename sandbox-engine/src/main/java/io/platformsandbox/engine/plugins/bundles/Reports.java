package io.platformsandbox.engine.plugins.bundles;

import com.fasterxml.jackson.databind.JsonNode;
import io.platformsandbox.engine.json.Json;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a validation report (DESIGN §6) with Jackson's tree model and checks that it passed and
 * belongs to one manifest and one set of package files.
 */
final class Reports {
  private Reports() {}

  /** Whether the report is checked before packaging (hints say "validate again") or inside a bundle. */
  enum Where {
    BEFORE_PACKAGING,
    IN_BUNDLE
  }

  /**
   * @return the report's {@code sandbox_version} (empty when absent)
   * @throws BundleException naming what does not match
   */
  static String check(byte[] json, String label, Where where, String id, String version, String manifestSha256, String filesSha256) {
    JsonNode report;
    try {
      report = Json.MAPPER.readTree(json);
    } catch (IOException e) {
      throw new BundleException(label + " is not valid JSON; it is not a validation report");
    }
    if (report == null || !report.isObject() || !report.has("status") || !report.has("plugin")) {
      throw new BundleException(label + " is not a validation report (no status or plugin)");
    }
    String again = where == Where.BEFORE_PACKAGING ? ": run 'sandbox validate' again" : "";
    List<String> failed = new ArrayList<>();
    for (JsonNode check : report.path("checks")) {
      if ("fail".equals(check.path("status").asText())) {
        failed.add(check.path("id").asText("?"));
      }
    }
    String status = report.path("status").asText();
    if (!"pass".equals(status)) {
      throw new BundleException(
          label + " says status '" + status + "'" + (failed.isEmpty() ? "" : " (failed: " + String.join(", ", failed) + ")")
              + (where == Where.BEFORE_PACKAGING
                  ? "; only a plugin that passed validation is packaged: fix the failures and validate again"
                  : "; a bundle must carry a passing report"));
    }
    if (!failed.isEmpty()) {
      throw new BundleException(label + " says 'pass' but these checks failed: " + String.join(", ", failed));
    }
    String reportId = report.path("plugin").path("id").asText("");
    String reportVersion = report.path("plugin").path("version").asText("");
    if (!reportId.equals(id) || !reportVersion.equals(version)) {
      throw new BundleException(
          label + " is for " + reportId + " " + reportVersion + ", but plugin.yaml says " + id + " " + version + again);
    }
    String reportManifest = report.path("manifest_sha256").asText("");
    if (!reportManifest.equals(manifestSha256)) {
      throw new BundleException(
          where == Where.BEFORE_PACKAGING
              ? "plugin.yaml changed after it was validated (" + label + " has manifest_sha256 " + abbreviate(reportManifest)
                  + ", plugin.yaml is now " + abbreviate(manifestSha256) + ")" + again
              : label + " was made for another plugin.yaml (manifest_sha256 " + abbreviate(reportManifest)
                  + ", the bundle's is " + abbreviate(manifestSha256) + ")");
    }
    String reportFiles = report.path("files_sha256").asText("");
    if (!reportFiles.equals(filesSha256)) {
      throw new BundleException(
          where == Where.BEFORE_PACKAGING
              ? "the package files changed after they were validated (a file was edited, added or removed: " + label
                  + " has files_sha256 " + abbreviate(reportFiles) + ", the files are now " + abbreviate(filesSha256) + ")" + again
              : label + " was made for other files (files_sha256 " + abbreviate(reportFiles)
                  + ", the bundle's files give " + abbreviate(filesSha256) + ")");
    }
    return report.path("sandbox_version").asText("");
  }

  private static String abbreviate(String hex) {
    return hex.isEmpty() ? "(none)" : hex.length() > 12 ? hex.substring(0, 12) + "…" : hex;
  }
}
