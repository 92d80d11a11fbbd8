package io.platformsandbox.engine.records.filter;

import java.util.List;
import java.util.Objects;

/**
 * A compiled filter as a SQL boolean expression with {@code ?} placeholders.
 *
 * <p>{@code sql} is self-contained: it can be joined to other conditions with {@code AND} without
 * extra parentheses. Bind {@code parameters} in order with {@link
 * java.sql.PreparedStatement#setObject(int, Object)}; each is a {@link String}, {@link Long},
 * {@link Double}, {@link Boolean} or {@link java.time.OffsetDateTime}, never {@code null}.
 */
public record SqlCondition(String sql, List<Object> parameters) {

  public SqlCondition {
    Objects.requireNonNull(sql, "sql");
    parameters = List.copyOf(parameters);
  }
}
