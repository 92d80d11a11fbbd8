package io.platformsandbox.app.model;

import com.fasterxml.jackson.databind.JsonNode;

/** One field of a collection's schema. */
public record FieldInfo(String name, String type, boolean required, String classification, boolean indexed) {
  public static FieldInfo from(JsonNode n) {
    return new FieldInfo(
        n.path("name").asText(),
        n.path("type").asText("string"),
        n.path("required").asBoolean(false),
        n.path("classification").asText("none"),
        n.path("indexed").asBoolean(false));
  }

  /** PII or PHI: masked unless the token may read it. */
  public boolean sensitive() {
    return !"none".equals(classification);
  }
}
