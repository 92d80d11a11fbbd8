package io.platformsandbox.engine.records.filter;

import java.util.Objects;

/**
 * The records filter language: compiles a user's filter text into a parameterised SQL condition.
 * It is a real lexer and recursive-descent parser rather than string splitting, so quoting,
 * precedence and error positions are exact, and no part of the user's text ever reaches the SQL
 * except as a bound parameter.
 *
 * <h2>Syntax</h2>
 *
 * <pre>
 * filter     = or
 * or         = and ("or" and)*            -- "and" binds tighter than "or"
 * and        = primary ("and" primary)*
 * primary    = "(" or ")" | comparison
 * comparison = field operator value
 * field      = [A-Za-z_][A-Za-z0-9_]*
 * operator   = eq | ne | gt | ge | lt | le | contains
 * value      = string | number | true | false | null
 * string     = '"' (any character but " and \ | \" | \\)* '"'
 * number     = -?[0-9]+(.[0-9]+)?([eE][+-]?[0-9]+)?
 * </pre>
 *
 * Keywords ({@code and or eq ne gt ge lt le contains true false null}) are lowercase and
 * case-sensitive. Whitespace between tokens is optional where tokens cannot run together and
 * otherwise free. {@code and} and {@code or} are reserved and cannot name a field. Example: {@code
 * status eq "open" and (priority ge 2 or due lt "2026-01-02T03:04:05Z")}.
 *
 * <h2>Semantics</h2>
 *
 * <ul>
 *   <li>Every field must be known to the {@link FieldResolver}; fields of type {@code JSON} cannot
 *       be filtered.
 *   <li>The value must fit the field type: a string for {@code STRING}; an integral number for
 *       {@code INTEGER} ({@code 2.0} and {@code 1e3} are integral, {@code 2.5} is an error, values
 *       outside the 64-bit range are an error); any number for {@code NUMBER} (read as a double);
 *       {@code true}/{@code false} for {@code BOOLEAN}; for {@code DATETIME} a string holding an
 *       ISO-8601 date-time with an offset or {@code Z}, e.g. {@code "2026-01-02T03:04:05Z"}.
 *   <li>Strings compare in {@link String#compareTo} order (H2's default), numbers numerically,
 *       date-times chronologically (the same instant in two offsets is equal). Booleans allow only
 *       {@code eq} and {@code ne}.
 *   <li>{@code contains} works only on {@code STRING} fields: a case-sensitive substring test,
 *       compiled to {@code col LIKE ? ESCAPE '\'} with {@code %}, {@code _} and {@code \} in the
 *       value escaped.
 *   <li>{@code eq null} is {@code col IS NULL}, {@code ne null} is {@code col IS NOT NULL}; any
 *       other operator with {@code null} is an error.
 *   <li>On a row whose column is NULL, {@code eq gt ge lt le contains} with a value are false and
 *       {@code ne} with a value is true (compiled as {@code (col <> ? OR col IS NULL)}).
 *   <li>Limits: at most {@value #MAX_LENGTH} characters, {@value #MAX_NESTING} levels of
 *       nested parentheses and {@value #MAX_COMPARISONS} comparisons.
 * </ul>
 *
 * <h2>Result</h2>
 *
 * {@link #compile} returns a {@link CompiledFilter}: the {@link SqlCondition} (self-contained SQL
 * that can be joined to other conditions with {@code AND}, plus its parameters) and the set of
 * field names the filter reads, so the caller can refuse filters on fields the caller may not see.
 *
 * <h2>Errors</h2>
 *
 * Every problem is a {@link FilterException} whose message is meant for the API user and whose
 * {@link FilterException#position() position} is the 1-based code point offset where the problem
 * starts, e.g. {@code unknown field 'stauts' at position 1}. Syntax errors are reported before
 * field and type errors; within each kind the first in the text wins.
 */
public final class Filter {

  /** The longest filter text accepted, in characters (code points). */
  public static final int MAX_LENGTH = 4096;

  /** The deepest nesting of parentheses accepted; it also bounds the parser's recursion. */
  public static final int MAX_NESTING = 32;

  /** The most comparisons one filter may hold, which bounds the size of the SQL it makes. */
  public static final int MAX_COMPARISONS = 100;

  private Filter() {}

  /**
   * Compiles {@code text} against the fields {@code fields} knows.
   *
   * @throws FilterException if the text is not a valid filter for these fields
   */
  public static CompiledFilter compile(String text, FieldResolver fields) throws FilterException {
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(fields, "fields");
    int length = text.codePointCount(0, text.length());
    if (length > MAX_LENGTH) {
      throw new FilterException(
          "filter is too long: " + length + " characters, the maximum is " + MAX_LENGTH,
          MAX_LENGTH + 1);
    }
    return SqlCompiler.compile(Parser.parse(text), fields);
  }
}
