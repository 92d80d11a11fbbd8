package io.platformsandbox.app.console;

import com.fasterxml.jackson.annotation.JsonProperty;

/** One request sent from the API console, kept so that it can be sent again. */
public record HistoryEntry(
    @JsonProperty("method") String method,
    @JsonProperty("url") String url,
    @JsonProperty("headers") String headers,
    @JsonProperty("body") String body,
    @JsonProperty("auth_client_id") String authClientId,
    @JsonProperty("status") int status,
    @JsonProperty("elapsed_ms") long elapsedMs,
    @JsonProperty("time") String time) {

  /** "GET /v1/collections → 200" */
  public String label() {
    return method + " " + url + (status > 0 ? "  →  " + status : "  →  failed");
  }
}
