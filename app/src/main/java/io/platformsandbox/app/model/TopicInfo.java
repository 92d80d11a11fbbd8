package io.platformsandbox.app.model;

import com.fasterxml.jackson.databind.JsonNode;

/** A tenant's topic, from {@code GET /v1/topics}: {@code platform} and the ones apps created. */
public record TopicInfo(String tenant, String name, String createdAt, long latestOffset) {
  public static final String PLATFORM = "platform";

  public static TopicInfo from(String tenant, JsonNode n) {
    return new TopicInfo(
        tenant, n.path("name").asText(), n.hasNonNull("created_at") ? n.get("created_at").asText() : null, n.path("latest_offset").asLong());
  }

  public boolean isPlatform() {
    return PLATFORM.equals(name);
  }
}
