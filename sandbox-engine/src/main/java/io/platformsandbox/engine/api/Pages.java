package io.platformsandbox.engine.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.platformsandbox.engine.json.Json;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * The list conventions of Platform API v1: {@code ?limit=} (default 50, max 500), an opaque
 * {@code ?cursor=}, and {@code {"data": [...], "next_cursor": ...}} bodies.
 */
public final class Pages {
  public static final int DEFAULT_LIMIT = 50;
  public static final int MAX_LIMIT = 500;

  private Pages() {}

  public static int limit(ApiRequest request) {
    return request.queryInt("limit", DEFAULT_LIMIT, 1, MAX_LIMIT);
  }

  /** The decoded cursor position (a JSON value of the caller's choosing), or {@code null}. */
  public static JsonNode cursor(ApiRequest request) {
    String raw = request.query("cursor").orElse("");
    if (raw.isEmpty()) {
      return null;
    }
    try {
      return Json.MAPPER.readTree(new String(Base64.getUrlDecoder().decode(raw), StandardCharsets.UTF_8));
    } catch (Exception e) {
      throw ApiException.badRequest(
          "invalid-cursor", "Invalid cursor", "The cursor is not one this API returned.");
    }
  }

  public static String encode(JsonNode position) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(Json.bytes(position));
  }

  /** A page body; {@code next} is the position after the last item, or {@code null} at the end. */
  public static ObjectNode page(List<? extends JsonNode> items, JsonNode next) {
    ObjectNode body = Json.object();
    body.putArray("data").addAll(items);
    if (next == null) {
      body.putNull("next_cursor");
    } else {
      body.put("next_cursor", encode(next));
    }
    return body;
  }
}
