package io.platformsandbox.app.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** One event on its way to one webhook, with every attempt, oldest first. */
public record DeliveryInfo(
    String id,
    String webhookId,
    String eventId,
    String eventType,
    String status,
    int attempts,
    String nextAttemptAt,
    String createdAt,
    List<DeliveryAttempt> history) {

  public static DeliveryInfo from(JsonNode n) {
    List<DeliveryAttempt> h = new ArrayList<>();
    n.path("attempt_history").forEach(a -> h.add(DeliveryAttempt.from(a)));
    return new DeliveryInfo(
        n.path("id").asText(),
        n.path("webhook_id").asText(""),
        n.path("event_id").asText(""),
        n.path("event_type").asText(""),
        n.path("status").asText(""),
        n.path("attempts").asInt(),
        n.hasNonNull("next_attempt_at") ? n.get("next_attempt_at").asText() : null,
        n.path("created_at").asText(""),
        List.copyOf(h));
  }

  public DeliveryAttempt lastAttempt() {
    return history.isEmpty() ? null : history.get(history.size() - 1);
  }
}
