package io.platformsandbox.engine.records.filter;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;

/**
 * The result of {@link Filter#compile}: the SQL to run, plus the names of the fields the filter
 * reads, so the caller can refuse filters on fields the caller may not see (for example PII).
 *
 * @param condition the parameterised SQL condition
 * @param fields the {@link FilterField#name() names} of the fields the filter compares, in order
 *     of first appearance, each once
 */
public record CompiledFilter(SqlCondition condition, Set<String> fields) {

  public CompiledFilter {
    Objects.requireNonNull(condition, "condition");
    fields = Collections.unmodifiableSet(new LinkedHashSet<>(fields));
  }
}
