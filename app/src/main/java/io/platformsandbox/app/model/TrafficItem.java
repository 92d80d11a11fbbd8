package io.platformsandbox.app.model;

import com.fasterxml.jackson.databind.JsonNode;

/** One request the sandbox served, from the control API's traffic log. */
public record TrafficItem(
    long id,
    String time,
    String requestId,
    String tenant,
    String app,
    String method,
    String path,
    int status,
    double latencyMs,
    String requestBody,
    String responseBody,
    boolean truncated) {

  public static TrafficItem from(JsonNode n) {
    return new TrafficItem(
        n.path("id").asLong(),
        n.path("time").asText(""),
        n.path("request_id").asText(""),
        n.hasNonNull("tenant") ? n.get("tenant").asText() : null,
        n.hasNonNull("app") ? n.get("app").asText() : null,
        n.path("method").asText(""),
        n.path("path").asText(""),
        n.path("status").asInt(),
        n.path("latency_ms").asDouble(),
        n.path("request_body").asText(""),
        n.path("response_body").asText(""),
        n.path("truncated").asBoolean(false));
  }

  /** The path without its query string. */
  public String pathOnly() {
    int q = path.indexOf('?');
    return q < 0 ? path : path.substring(0, q);
  }

  public boolean isWrite() {
    return !method.equals("GET") && !method.equals("HEAD") && !method.equals("OPTIONS");
  }

  public boolean succeeded() {
    return status >= 200 && status < 300;
  }
}
