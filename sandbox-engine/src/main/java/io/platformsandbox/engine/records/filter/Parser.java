package io.platformsandbox.engine.records.filter;

import java.util.ArrayList;
import java.util.List;

/**
 * Recursive-descent parser for the filter grammar:
 *
 * <pre>
 * filter     = or END
 * or         = and ("or" and)*
 * and        = primary ("and" primary)*
 * primary    = "(" or ")" | comparison
 * comparison = FIELD OPERATOR value
 * value      = STRING | NUMBER | "true" | "false" | "null"
 * </pre>
 *
 * Recursion only happens at parentheses, whose depth is capped, so hostile input cannot overflow
 * the stack.
 */
final class Parser {

  private final Lexer lexer;
  private Token current;
  private int depth;
  private int comparisons;

  private Parser(String text) {
    this.lexer = new Lexer(text);
    this.current = lexer.next();
  }

  static FilterExpr parse(String text) {
    return new Parser(text).filter();
  }

  private FilterExpr filter() {
    if (current.kind() == Token.Kind.END) {
      throw new FilterException("filter is empty", 1);
    }
    FilterExpr expr = or();
    if (current.kind() == Token.Kind.RIGHT_PAREN) {
      throw unexpected();
    }
    if (current.kind() != Token.Kind.END) {
      throw unexpected("expected 'and', 'or' or the end of the filter");
    }
    return expr;
  }

  private FilterExpr or() {
    List<FilterExpr> operands = new ArrayList<>();
    operands.add(and());
    while (current.isWord("or")) {
      advance();
      operands.add(and());
    }
    return operands.size() == 1 ? operands.get(0) : new FilterExpr.Or(operands);
  }

  private FilterExpr and() {
    List<FilterExpr> operands = new ArrayList<>();
    operands.add(primary());
    while (current.isWord("and")) {
      advance();
      operands.add(primary());
    }
    return operands.size() == 1 ? operands.get(0) : new FilterExpr.And(operands);
  }

  private FilterExpr primary() {
    if (current.kind() == Token.Kind.LEFT_PAREN) {
      Token open = current;
      if (depth == Filter.MAX_NESTING) {
        throw FilterException.at(
            "too deeply nested: more than " + Filter.MAX_NESTING + " levels of parentheses",
            open.position());
      }
      depth++;
      advance();
      FilterExpr inner = or();
      if (current.kind() == Token.Kind.END) {
        throw FilterException.at("unclosed '('", open.position());
      }
      if (current.kind() != Token.Kind.RIGHT_PAREN) {
        throw unexpected("expected 'and', 'or' or ')'");
      }
      depth--;
      advance();
      return inner;
    }
    if (current.kind() == Token.Kind.WORD && !current.isWord("and") && !current.isWord("or")) {
      return comparison();
    }
    throw unexpected();
  }

  private FilterExpr comparison() {
    Token field = current;
    if (++comparisons > Filter.MAX_COMPARISONS) {
      throw FilterException.at(
          "too many comparisons: more than " + Filter.MAX_COMPARISONS, field.position());
    }
    advance();
    Token operatorToken = current;
    Operator operator =
        operatorToken.kind() == Token.Kind.WORD
            ? Operator.fromKeyword(operatorToken.text()).orElse(null)
            : null;
    if (operator == null) {
      throw FilterException.at(
          "expected an operator (" + Operator.ALL + ")", operatorToken.position());
    }
    advance();
    FilterExpr.Literal value = value();
    advance();
    return new FilterExpr.Comparison(
        field.text(), field.position(), operator, operatorToken.position(), value);
  }

  private FilterExpr.Literal value() {
    Token token = current;
    int at = token.position();
    return switch (token.kind()) {
      case STRING -> new FilterExpr.StringLiteral(token.value(), token.text(), at);
      case NUMBER -> new FilterExpr.NumberLiteral(token.text(), at);
      case WORD -> switch (token.text()) {
        case "true", "false" -> new FilterExpr.BooleanLiteral(
            token.text().equals("true"), token.text(), at);
        case "null" -> new FilterExpr.NullLiteral(token.text(), at);
        default -> throw new FilterException(
            "expected a value at position " + at + "; write strings in double quotes, e.g. \""
                + Token.shorten(token.text()) + "\"",
            at);
      };
      default -> throw FilterException.at(
          "expected a value (a \"string\", a number, true, false or null)", at);
    };
  }

  private void advance() {
    current = lexer.next();
  }

  private FilterException unexpected() {
    return FilterException.at("unexpected " + current.describe(), current.position());
  }

  private FilterException unexpected(String expected) {
    return new FilterException(
        "unexpected " + current.describe() + " at position " + current.position() + "; " + expected,
        current.position());
  }
}
