package io.platformsandbox.app.model;

import com.fasterxml.jackson.databind.JsonNode;

/** One attempt of a webhook delivery: the receiver's status or the error, latency, answer excerpt. */
public record DeliveryAttempt(int attempt, String at, Integer statusCode, double latencyMs, String error, String responseExcerpt, boolean manual) {
  public static DeliveryAttempt from(JsonNode n) {
    return new DeliveryAttempt(
        n.path("attempt").asInt(),
        n.path("at").asText(""),
        n.hasNonNull("status_code") ? n.get("status_code").asInt() : null,
        n.path("latency_ms").asDouble(),
        n.hasNonNull("error") ? n.get("error").asText() : null,
        n.hasNonNull("response_excerpt") ? n.get("response_excerpt").asText() : null,
        n.path("manual").asBoolean(false));
  }

  public boolean succeeded() {
    return statusCode != null && statusCode >= 200 && statusCode < 300;
  }

  /** "200", "503" or the error, for a table cell. */
  public String outcome() {
    return statusCode != null ? Integer.toString(statusCode) : error == null ? "no answer" : error;
  }
}
