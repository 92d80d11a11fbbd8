package io.platformsandbox.engine.records.filter;

import io.platformsandbox.engine.records.FieldType;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Type-checks a parsed filter against the collection's fields and turns it into parameterised
 * SQL. Values only ever travel as parameters; the SQL text holds nothing but keywords,
 * placeholders and the resolver's column expressions.
 */
final class SqlCompiler {

  private final FieldResolver resolver;
  private final StringBuilder sql = new StringBuilder();
  private final List<Object> parameters = new ArrayList<>();
  private final Set<String> fields = new LinkedHashSet<>();

  private SqlCompiler(FieldResolver resolver) {
    this.resolver = resolver;
  }

  static CompiledFilter compile(FilterExpr expr, FieldResolver resolver) {
    SqlCompiler compiler = new SqlCompiler(resolver);
    compiler.emit(expr);
    return new CompiledFilter(
        new SqlCondition(compiler.sql.toString(), compiler.parameters), compiler.fields);
  }

  private void emit(FilterExpr expr) {
    if (expr instanceof FilterExpr.And and) {
      emitJoined(and.operands(), " AND ");
    } else if (expr instanceof FilterExpr.Or or) {
      emitJoined(or.operands(), " OR ");
    } else {
      emitComparison((FilterExpr.Comparison) expr);
    }
  }

  private void emitJoined(List<FilterExpr> operands, String connective) {
    sql.append('(');
    for (int i = 0; i < operands.size(); i++) {
      if (i > 0) {
        sql.append(connective);
      }
      emit(operands.get(i));
    }
    sql.append(')');
  }

  private void emitComparison(FilterExpr.Comparison comparison) {
    FilterField field =
        Objects.requireNonNull(
                resolver.resolve(comparison.field()), "FieldResolver returned null")
            .orElseThrow(
                () ->
                    FilterException.at(
                        "unknown field '" + comparison.field() + "'",
                        comparison.fieldPosition()));
    if (field.type() == FieldType.JSON) {
      throw FilterException.at(
          "field '" + field.name() + "' holds JSON and cannot be filtered",
          comparison.fieldPosition());
    }
    fields.add(field.name());
    String column = field.column();
    Operator operator = comparison.operator();

    if (comparison.value() instanceof FilterExpr.NullLiteral) {
      switch (operator) {
        case EQ -> sql.append(column).append(" IS NULL");
        case NE -> sql.append(column).append(" IS NOT NULL");
        default -> throw FilterException.at(
            "'" + operator.keyword() + "' cannot compare with null; use eq null or ne null",
            comparison.operatorPosition());
      }
      return;
    }
    if (operator == Operator.CONTAINS && field.type() != FieldType.STRING) {
      throw FilterException.at(
          "'contains' works only on string fields, and '" + field.name() + "' is "
              + article(field.type()),
          comparison.operatorPosition());
    }
    if (field.type() == FieldType.BOOLEAN && operator != Operator.EQ && operator != Operator.NE) {
      throw FilterException.at(
          "field '" + field.name() + "' is a boolean, which only eq and ne can compare",
          comparison.operatorPosition());
    }

    Object parameter = parameter(field, comparison.value());
    switch (operator) {
      case EQ -> sql.append(column).append(" = ?");
      case NE -> sql.append('(').append(column).append(" <> ? OR ")
          .append(column).append(" IS NULL)");
      case GT -> sql.append(column).append(" > ?");
      case GE -> sql.append(column).append(" >= ?");
      case LT -> sql.append(column).append(" < ?");
      case LE -> sql.append(column).append(" <= ?");
      case CONTAINS -> {
        sql.append(column).append(" LIKE ? ESCAPE '\\'");
        parameter = "%" + escapeLike((String) parameter) + "%";
      }
      default -> throw new IllegalStateException("unhandled operator " + operator);
    }
    parameters.add(parameter);
  }

  /** Converts a literal to the JDBC value for the field's type, or explains why it does not fit. */
  private static Object parameter(FilterField field, FilterExpr.Literal literal) {
    return switch (field.type()) {
      case STRING -> {
        if (literal instanceof FilterExpr.StringLiteral string) {
          yield string.value();
        }
        throw mismatch(field, literal, " (write strings in double quotes)");
      }
      case INTEGER -> {
        if (literal instanceof FilterExpr.NumberLiteral number) {
          yield integer(field, number);
        }
        throw mismatch(field, literal, "");
      }
      case NUMBER -> {
        if (literal instanceof FilterExpr.NumberLiteral number) {
          double value = Double.parseDouble(number.source());
          if (Double.isInfinite(value)) {
            throw outOfRange(field, number);
          }
          yield value + 0.0; // turns -0.0 into 0.0
        }
        throw mismatch(field, literal, "");
      }
      case BOOLEAN -> {
        if (literal instanceof FilterExpr.BooleanLiteral bool) {
          yield bool.value();
        }
        throw mismatch(field, literal, " (write true or false without quotes)");
      }
      case DATETIME -> {
        String hint = " (write an ISO-8601 date-time with an offset in double quotes,"
            + " e.g. \"2026-01-02T03:04:05Z\")";
        if (literal instanceof FilterExpr.StringLiteral string) {
          try {
            yield OffsetDateTime.parse(string.value(), DateTimeFormatter.ISO_OFFSET_DATE_TIME);
          } catch (DateTimeParseException e) {
            throw mismatch(field, literal, hint);
          }
        }
        throw mismatch(field, literal, hint);
      }
      case JSON -> throw new IllegalStateException("JSON fields are refused before this");
    };
  }

  private static Long integer(FilterField field, FilterExpr.NumberLiteral number) {
    BigDecimal value;
    try {
      value = new BigDecimal(number.source());
    } catch (NumberFormatException e) {
      throw outOfRange(field, number); // an exponent beyond what BigDecimal can hold
    }
    try {
      return value.longValueExact();
    } catch (ArithmeticException e) {
      if (value.stripTrailingZeros().scale() > 0) {
        throw mismatch(field, number, "");
      }
      throw outOfRange(field, number);
    }
  }

  private static FilterException mismatch(
      FilterField field, FilterExpr.Literal literal, String hint) {
    return new FilterException(
        "field '" + field.name() + "' is " + article(field.type()) + "; "
            + Token.shorten(literal.source()) + " is not" + hint,
        literal.position());
  }

  private static FilterException outOfRange(FilterField field, FilterExpr.Literal literal) {
    return new FilterException(
        "field '" + field.name() + "' is " + article(field.type()) + "; "
            + Token.shorten(literal.source()) + " is out of range",
        literal.position());
  }

  private static String article(FieldType type) {
    return switch (type) {
      case STRING -> "a string";
      case INTEGER -> "an integer";
      case NUMBER -> "a number";
      case BOOLEAN -> "a boolean";
      case DATETIME -> "a date-time";
      case JSON -> "JSON";
    };
  }

  /** Escapes LIKE's wildcards and its escape character, so the value matches literally. */
  static String escapeLike(String value) {
    StringBuilder escaped = new StringBuilder(value.length() + 8);
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '\\' || c == '%' || c == '_') {
        escaped.append('\\');
      }
      escaped.append(c);
    }
    return escaped.toString();
  }
}
