package io.platformsandbox.app.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/** {@code GET /_sandbox/info}: version, URLs, workspace and the sandbox clock. */
public record SandboxInfo(String version, String apiUrl, String mockUrl, boolean inMemory, String workspace, Instant clock) {
  public static SandboxInfo from(JsonNode n) {
    Instant clock;
    try {
      clock = Instant.parse(n.path("clock").asText());
    } catch (RuntimeException e) {
      clock = null;
    }
    return new SandboxInfo(
        n.path("version").asText(""),
        n.path("api_url").asText(""),
        n.hasNonNull("mock_url") ? n.get("mock_url").asText() : null,
        n.path("in_memory").asBoolean(false),
        n.hasNonNull("workspace") ? n.get("workspace").asText() : null,
        clock);
  }
}
