package io.platformsandbox.engine.records.filter;

import io.platformsandbox.engine.records.FieldType;
import java.util.Objects;

/**
 * A field that filters may name, as the {@link FieldResolver} reports it.
 *
 * @param name the field name as users write it in filters
 * @param type the field's value type, which decides which literals and operators fit
 * @param column the SQL column expression to emit, already quoted by the caller (for example
 *     {@code "\"f_status\""}); it is emitted verbatim, so it must never come from user input
 */
public record FilterField(String name, FieldType type, String column) {

  public FilterField {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(column, "column");
    if (column.isBlank()) {
      throw new IllegalArgumentException("column must not be blank");
    }
  }
}
