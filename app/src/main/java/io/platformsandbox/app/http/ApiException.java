package io.platformsandbox.app.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.platformsandbox.app.core.Json;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An error answer of the sandbox: its RFC 9457 problem (title, detail, field errors) when it sent
 * one, else the status line and body.
 */
public final class ApiException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final int status;
  private final String type;
  private final String title;
  private final String detail;
  private final Map<String, String> fieldErrors;
  private final Integer position;

  public ApiException(int status, String type, String title, String detail, Map<String, String> fieldErrors, Integer position) {
    super(status + " " + title + (detail == null ? "" : ": " + detail), null, false, false);
    this.status = status;
    this.type = type;
    this.title = title;
    this.detail = detail;
    this.fieldErrors = Map.copyOf(fieldErrors);
    this.position = position;
  }

  /** Reads a problem+json body, or makes one from the status and raw body. */
  public static ApiException from(int status, String body) {
    try {
      JsonNode n = Json.parse(body == null || body.isBlank() ? "{}" : body);
      if (n.isObject() && n.has("title")) {
        Map<String, String> errors = new LinkedHashMap<>();
        JsonNode e = n.path("errors");
        for (Iterator<Map.Entry<String, JsonNode>> it = e.fields(); it.hasNext(); ) {
          var entry = it.next();
          errors.put(entry.getKey(), entry.getValue().asText());
        }
        Integer position = n.has("position") ? n.get("position").asInt() : null;
        return new ApiException(
            status,
            n.path("type").asText(""),
            n.path("title").asText(""),
            n.hasNonNull("detail") ? n.get("detail").asText() : null,
            errors,
            position);
      }
      if (n.isObject() && n.has("error")) {
        // OAuth errors: {"error": "invalid_client", "error_description": "..."}
        return new ApiException(
            status, "", n.path("error").asText(), n.path("error_description").asText(null), Map.of(), null);
      }
    } catch (Exception ignored) {
      // not JSON: fall through to the raw body
    }
    String raw = body == null ? "" : body.strip();
    return new ApiException(status, "", "HTTP " + status, raw.length() > 200 ? raw.substring(0, 200) + "…" : raw, Map.of(), null);
  }

  public int status() {
    return status;
  }

  /** The last segment of the problem type, e.g. {@code invalid-filter}. */
  public String slug() {
    int i = type.lastIndexOf('/');
    return i < 0 ? type : type.substring(i + 1);
  }

  public String title() {
    return title;
  }

  public String detail() {
    return detail;
  }

  public Map<String, String> fieldErrors() {
    return fieldErrors;
  }

  /** For filter errors: the 1-based position in the filter text where the problem starts. */
  public Integer position() {
    return position;
  }

  /** "Validation failed: name is required; priority must be an integer" */
  public String readableMessage() {
    StringBuilder sb = new StringBuilder();
    sb.append(detail == null || detail.isBlank() ? title : detail);
    if (!fieldErrors.isEmpty()) {
      sb.append(" ");
      fieldErrors.forEach((k, v) -> sb.append(k).append(' ').append(v).append("; "));
      sb.setLength(sb.length() - 2);
    }
    return sb.toString();
  }
}
