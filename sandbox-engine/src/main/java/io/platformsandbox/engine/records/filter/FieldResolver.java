package io.platformsandbox.engine.records.filter;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Looks up the fields a filter may name, so the filter language stays independent of how a
 * collection's schema is stored.
 */
@FunctionalInterface
public interface FieldResolver {

  /**
   * Returns the field called {@code name} (compared exactly as written in the filter), or empty
   * when the collection has no such field; never {@code null}.
   */
  Optional<FilterField> resolve(String name);

  /** A resolver over a fixed set of fields, keyed by {@link FilterField#name()}. */
  static FieldResolver of(Collection<FilterField> fields) {
    Map<String, FilterField> byName = new LinkedHashMap<>();
    for (FilterField field : fields) {
      if (byName.putIfAbsent(field.name(), field) != null) {
        throw new IllegalArgumentException("duplicate field name: " + field.name());
      }
    }
    return name -> Optional.ofNullable(byName.get(name));
  }
}
