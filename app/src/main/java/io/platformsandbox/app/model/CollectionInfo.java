package io.platformsandbox.app.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** A collection's schema, as {@code GET /v1/collections} shows it. */
public record CollectionInfo(String tenant, String name, List<FieldInfo> fields, String subjectField, Integer retentionDays, String createdAt) {
  public CollectionInfo {
    fields = List.copyOf(fields);
  }

  public static CollectionInfo from(String tenant, JsonNode n) {
    List<FieldInfo> fields = new ArrayList<>();
    n.path("fields").forEach(f -> fields.add(FieldInfo.from(f)));
    return new CollectionInfo(
        tenant,
        n.path("name").asText(),
        fields,
        n.hasNonNull("subject_field") ? n.get("subject_field").asText() : null,
        n.hasNonNull("retention_days") ? n.get("retention_days").asInt() : null,
        n.path("created_at").asText(""));
  }

  public boolean hasSensitiveFields() {
    return fields.stream().anyMatch(FieldInfo::sensitive);
  }
}
