package io.platformsandbox.app.model;

import com.fasterxml.jackson.databind.JsonNode;
import io.platformsandbox.app.core.Json;

/** One event of a topic as its consumers read it ({@code ConsumedEvent}), with its JSON. */
public record EventItem(long offset, String id, String topic, String type, String subject, String occurredAt, String json) {
  public static EventItem from(JsonNode n) {
    return new EventItem(
        n.path("offset").asLong(),
        n.path("id").asText(""),
        n.path("topic").asText(""),
        n.path("type").asText(""),
        n.hasNonNull("subject") ? n.get("subject").asText() : null,
        n.path("occurred_at").asText(""),
        Json.write(n));
  }
}
