package io.platformsandbox.engine.records.filter;

import java.util.List;

/**
 * The syntax tree of a parsed filter. It is untyped: field names are not yet resolved, so the
 * parser needs no schema and every syntax error is found before any semantic one.
 */
sealed interface FilterExpr {

  /** All operands must hold; at least two. */
  record And(List<FilterExpr> operands) implements FilterExpr {
    public And {
      operands = List.copyOf(operands);
      if (operands.size() < 2) {
        throw new IllegalArgumentException("'and' needs at least two operands");
      }
    }
  }

  /** At least one operand must hold; at least two. */
  record Or(List<FilterExpr> operands) implements FilterExpr {
    public Or {
      operands = List.copyOf(operands);
      if (operands.size() < 2) {
        throw new IllegalArgumentException("'or' needs at least two operands");
      }
    }
  }

  /** {@code field op value}, with the positions of the field and operator for error messages. */
  record Comparison(
      String field, int fieldPosition, Operator operator, int operatorPosition, Literal value)
      implements FilterExpr {}

  /** A literal value; {@code source} is its text as written, for error messages. */
  sealed interface Literal {
    String source();

    int position();
  }

  /** A double-quoted string, {@code value} with escapes resolved. */
  record StringLiteral(String value, String source, int position) implements Literal {}

  /** A number, kept as its source text until the field type says how to read it. */
  record NumberLiteral(String source, int position) implements Literal {}

  record BooleanLiteral(boolean value, String source, int position) implements Literal {}

  record NullLiteral(String source, int position) implements Literal {}
}
