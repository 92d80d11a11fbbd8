package io.platformsandbox.app.model;

import com.fasterxml.jackson.databind.JsonNode;

/** A tenant as the control API shows it. */
public record TenantInfo(String id, String name, double perSecond, long burst, String createdAt) {
  public static TenantInfo from(JsonNode n) {
    return new TenantInfo(
        n.path("id").asText(),
        n.path("name").isNull() ? null : n.path("name").asText(null),
        n.path("rate_limit").path("per_second").asDouble(),
        n.path("rate_limit").path("burst").asLong(),
        n.path("created_at").asText(""));
  }

  /** "acme — Acme Corp", or the id alone. */
  public String label() {
    return name == null || name.isBlank() || name.equals(id) ? id : id + " — " + name;
  }
}
