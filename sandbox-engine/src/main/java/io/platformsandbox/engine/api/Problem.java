package io.platformsandbox.engine.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.platformsandbox.engine.json.Json;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An RFC 9457 problem detail: what every error response of the sandbox is.
 *
 * @param slug the last segment of the problem type URI, e.g. {@code not-found}
 * @param errors field → message, for validation failures; empty otherwise
 * @param extensions further members (for example OAuth's {@code error}), written as they are
 */
public record Problem(
    int status,
    String slug,
    String title,
    String detail,
    Map<String, String> errors,
    Map<String, Object> extensions) {

  public static final String TYPE_BASE = "https://platformsandbox.io/problems/";
  public static final String MEDIA_TYPE = "application/problem+json";

  public Problem {
    errors = errors == null ? Map.of() : Map.copyOf(new LinkedHashMap<>(errors));
    extensions = extensions == null ? Map.of() : extensions;
  }

  public Problem(int status, String slug, String title, String detail) {
    this(status, slug, title, detail, Map.of(), Map.of());
  }

  public String type() {
    return TYPE_BASE + slug;
  }

  public ObjectNode toJson(String requestId) {
    ObjectNode node = Json.object();
    node.put("type", type());
    node.put("title", title);
    node.put("status", status);
    node.put("detail", detail);
    if (!errors.isEmpty()) {
      ObjectNode fields = node.putObject("errors");
      errors.entrySet().stream()
          .sorted(Map.Entry.comparingByKey())
          .forEach(e -> fields.put(e.getKey(), e.getValue()));
    }
    extensions.forEach((k, v) -> node.set(k, Json.MAPPER.valueToTree(v)));
    if (requestId != null) {
      node.put("request_id", requestId);
    }
    return node;
  }
}
