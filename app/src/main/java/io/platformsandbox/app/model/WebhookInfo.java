package io.platformsandbox.app.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** A webhook of a tenant, from {@code GET /v1/webhooks} (never with its secret). */
public record WebhookInfo(String tenant, String id, String url, List<String> events, String createdAt) {
  public static WebhookInfo from(String tenant, JsonNode n) {
    List<String> events = new ArrayList<>();
    n.path("events").forEach(e -> events.add(e.asText()));
    return new WebhookInfo(tenant, n.path("id").asText(), n.path("url").asText(""), List.copyOf(events), n.path("created_at").asText(""));
  }

  /** "record.created:contacts, subject.erasure_requested" */
  public String eventsText() {
    return String.join(", ", events);
  }
}
