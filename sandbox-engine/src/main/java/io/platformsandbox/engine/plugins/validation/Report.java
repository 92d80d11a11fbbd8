package io.platformsandbox.engine.plugins.validation;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.platformsandbox.engine.json.Json;
import io.platformsandbox.engine.plugins.manifest.Manifest;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** A validation report (DESIGN §6); {@link #toJson()} is {@code report.json}. */
public record Report(
    String pluginId,
    String pluginVersion,
    String sandboxVersion,
    String manifestSha256,
    String filesSha256,
    Instant startedAt,
    long durationMs,
    List<CheckResult> checks,
    Optional<Manifest> manifest) {

  public Report {
    checks = List.copyOf(checks);
  }

  public Report(String pluginId, String pluginVersion, String sandboxVersion, String manifestSha256, String filesSha256,
      Instant startedAt, long durationMs, List<CheckResult> checks) {
    this(pluginId, pluginVersion, sandboxVersion, manifestSha256, filesSha256, startedAt, durationMs, checks, Optional.empty());
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
    manifest.ifPresent(m -> n.set("requests", requests(m)));
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

  /** What the plugin asks for, for a reviewer: scopes, events, egress hosts and the PII sent to each. */
  static ObjectNode requests(Manifest m) {
    ObjectNode r = Json.object();
    m.scopes().forEach(r.putArray("scopes")::add);
    m.events().forEach(r.putArray("events")::add);
    ArrayNode egress = r.putArray("egress");
    for (Manifest.Egress e : m.egress()) {
      ObjectNode o = egress.addObject();
      o.put("host", e.host());
      o.put("purpose", e.purpose());
      e.pii().forEach(o.putArray("pii")::add);
    }
    return r;
  }
}
