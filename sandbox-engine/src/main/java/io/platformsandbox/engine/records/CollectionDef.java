package io.platformsandbox.engine.records;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A collection's schema and where its records live.
 *
 * @param subjectField the field holding the data subject's id (for erasure), or {@code null}
 * @param retentionDays records older than this are purged, or {@code null} to keep them
 * @param table the quoted H2 table holding the records
 */
public record CollectionDef(
    String tenant,
    String name,
    List<FieldDef> fields,
    String subjectField,
    Integer retentionDays,
    String table,
    Instant createdAt) {

  public CollectionDef {
    fields = List.copyOf(fields);
  }

  public Optional<FieldDef> field(String fieldName) {
    for (FieldDef f : fields) {
      if (f.name().equals(fieldName)) {
        return Optional.of(f);
      }
    }
    return Optional.empty();
  }

  public boolean hasSensitiveFields() {
    return fields.stream().anyMatch(f -> f.classification().isSensitive());
  }
}
