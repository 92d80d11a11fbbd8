package io.platformsandbox.engine.plugins.validation;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.platformsandbox.engine.json.Json;
import java.time.Instant;
import java.util.List;

/** A validation report (DESIGN §6); {@link #toJson()} is {@code report.json}. */
public record Report(
    String pluginId,
    String pluginVersion,
    String sandboxVersion,
    String manifestSha256,
    String filesSha256,
    Instant startedAt,
    long durationMs,
    List<CheckResult> checks) {

  public Report {
    checks = List.copyOf(checks);
  }

  public boolean passed() {
    return checks.stream().noneMatch(c -> c.status() == CheckResult.Status.FAIL);
  }

  public List<CheckResult> failures() {
    return checks.stream().filter(c -> c.status() == CheckResult.Status.FAIL).toList();
  }

  public ObjectNode toJson() {
    ObjectNode n = Json.object();
    ObjectNode plugin = n.putObject("plugin");
    plugin.put("id", pluginId);
    plugin.put("version", pluginVersion);
    n.put("sandbox_version", sandboxVersion);
    n.put("manifest_sha256", manifestSha256);
    n.put("files_sha256", filesSha256);
    n.put("status", passed() ? "pass" : "fail");
    n.put("started_at", startedAt.toString());
    n.put("duration_ms", durationMs);
    ArrayNode list = n.putArray("checks");
    for (CheckResult c : checks) {
      ObjectNode o = list.addObject();
      o.put("id", c.check().name());
      o.put("title", c.check().title());
      o.put("status", c.status().wire());
      o.put("reason", c.reason());
      ArrayNode ev = o.putArray("evidence");
      c.evidence().forEach(ev::add);
      o.put("duration_ms", c.durationMs());
    }
    return n;
  }
}
