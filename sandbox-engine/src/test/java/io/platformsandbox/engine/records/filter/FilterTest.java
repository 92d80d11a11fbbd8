package io.platformsandbox.engine.records.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static java.util.stream.Collectors.joining;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.platformsandbox.engine.records.FieldType;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Examples of the filter language: what valid filters compile to, and how each error reads. */
class FilterTest {

  static final FieldResolver FIELDS =
      FieldResolver.of(
          List.of(
              new FilterField("status", FieldType.STRING, "\"f_status\""),
              new FilterField("name", FieldType.STRING, "\"f_name\""),
              new FilterField("priority", FieldType.INTEGER, "\"f_priority\""),
              new FilterField("score", FieldType.NUMBER, "\"f_score\""),
              new FilterField("done", FieldType.BOOLEAN, "\"f_done\""),
              new FilterField("due", FieldType.DATETIME, "\"f_due\""),
              new FilterField("meta", FieldType.JSON, "\"f_meta\""),
              new FilterField("_ref_2", FieldType.STRING, "\"f_ref\""),
              new FilterField("contains", FieldType.STRING, "\"f_contains\"")));

  static Stream<Arguments> validFilters() {
    return Stream.of(
        arguments("status eq \"open\"", "\"f_status\" = ?", List.of("open")),
        arguments(
            "status eq \"open\" and priority ge 2",
            "(\"f_status\" = ? AND \"f_priority\" >= ?)",
            List.of("open", 2L)),
        arguments(
            "status eq \"a\" or status eq \"b\" and priority gt 1",
            "(\"f_status\" = ? OR (\"f_status\" = ? AND \"f_priority\" > ?))",
            List.of("a", "b", 1L)),
        arguments(
            "(status eq \"a\" or status eq \"b\") and priority lt 1",
            "((\"f_status\" = ? OR \"f_status\" = ?) AND \"f_priority\" < ?)",
            List.of("a", "b", 1L)),
        arguments(
            "status eq \"a\" and name eq \"b\" and done eq true",
            "(\"f_status\" = ? AND \"f_name\" = ? AND \"f_done\" = ?)",
            List.of("a", "b", true)),
        arguments(
            "status ne \"closed\"",
            "(\"f_status\" <> ? OR \"f_status\" IS NULL)",
            List.of("closed")),
        arguments("status eq null", "\"f_status\" IS NULL", List.of()),
        arguments("due ne null", "\"f_due\" IS NOT NULL", List.of()),
        arguments(
            "name contains \"50%_off\\\\\"",
            "\"f_name\" LIKE ? ESCAPE '\\'",
            List.of("%50\\%\\_off\\\\%")),
        arguments("name contains \"\"", "\"f_name\" LIKE ? ESCAPE '\\'", List.of("%%")),
        arguments("priority le -3", "\"f_priority\" <= ?", List.of(-3L)),
        arguments("priority eq 1e3", "\"f_priority\" = ?", List.of(1000L)),
        arguments("priority eq 2.0", "\"f_priority\" = ?", List.of(2L)),
        arguments(
            "priority eq -9223372036854775808", "\"f_priority\" = ?", List.of(Long.MIN_VALUE)),
        arguments("score gt 2.5", "\"f_score\" > ?", List.of(2.5)),
        arguments("score ge -1E-2", "\"f_score\" >= ?", List.of(-0.01)),
        arguments("score eq 3", "\"f_score\" = ?", List.of(3.0)),
        arguments("score eq -0", "\"f_score\" = ?", List.of(0.0)),
        arguments("done ne false", "(\"f_done\" <> ? OR \"f_done\" IS NULL)", List.of(false)),
        arguments(
            "due gt \"2026-01-02T03:04:05Z\"",
            "\"f_due\" > ?",
            List.of(OffsetDateTime.parse("2026-01-02T03:04:05Z"))),
        arguments(
            "due lt \"2026-01-02T05:04:05.123456+02:00\"",
            "\"f_due\" < ?",
            List.of(OffsetDateTime.parse("2026-01-02T05:04:05.123456+02:00"))),
        arguments(
            " \t(status eq\"open\")and(priority gt 1)\n ",
            "(\"f_status\" = ? AND \"f_priority\" > ?)",
            List.of("open", 1L)),
        arguments(
            "status eq \"say \\\"hi\\\" \\\\ bye\"", "\"f_status\" = ?", List.of("say \"hi\" \\ bye")),
        arguments("name eq \"日本😀\"", "\"f_name\" = ?", List.of("日本😀")),
        arguments("((((status eq \"a\"))))", "\"f_status\" = ?", List.of("a")),
        arguments("status eq \"and or eq )(\"", "\"f_status\" = ?", List.of("and or eq )(")),
        arguments("_ref_2 eq \"x\"", "\"f_ref\" = ?", List.of("x")),
        arguments("contains contains \"x\"", "\"f_contains\" LIKE ? ESCAPE '\\'", List.of("%x%")),
        arguments(
            "status eq \"x\\\" or 1=1 --\"", "\"f_status\" = ?", List.of("x\" or 1=1 --")));
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @MethodSource("validFilters")
  void compilesToParameterisedSql(String filter, String sql, List<Object> parameters) {
    SqlCondition condition = Filter.compile(filter, FIELDS).condition();

    assertThat(condition.sql()).isEqualTo(sql);
    assertThat(condition.parameters()).containsExactlyElementsOf(parameters);
  }

  static Stream<Arguments> invalidFilters() {
    String tooLong = "status eq \"" + "a".repeat(4090) + "\"";
    String tooDeep = "(".repeat(33) + "status eq \"a\"" + ")".repeat(33);
    String tooMany =
        IntStream.range(0, 101).mapToObj(i -> "priority eq " + i).collect(joining(" or "));
    int hundredFirst = tooMany.lastIndexOf("priority") + 1;
    return Stream.of(
        // field names
        arguments("stauts eq \"open\"", "unknown field 'stauts' at position 1", 1),
        arguments("Status eq \"open\"", "unknown field 'Status' at position 1", 1),
        arguments(
            "meta eq \"x\"", "field 'meta' holds JSON and cannot be filtered at position 1", 1),
        arguments("meta eq null", "field 'meta' holds JSON and cannot be filtered at position 1", 1),
        // operators
        arguments(
            "status == \"open\"",
            "expected an operator (eq, ne, gt, ge, lt, le, contains) at position 8",
            8),
        arguments(
            "status EQ \"open\"",
            "expected an operator (eq, ne, gt, ge, lt, le, contains) at position 8",
            8),
        arguments(
            "status \"open\"",
            "expected an operator (eq, ne, gt, ge, lt, le, contains) at position 8",
            8),
        arguments(
            "status", "expected an operator (eq, ne, gt, ge, lt, le, contains) at position 7", 7),
        arguments(
            "priority contains \"1\"",
            "'contains' works only on string fields, and 'priority' is an integer at position 10",
            10),
        arguments(
            "done gt true",
            "field 'done' is a boolean, which only eq and ne can compare at position 6",
            6),
        arguments(
            "status gt null",
            "'gt' cannot compare with null; use eq null or ne null at position 8",
            8),
        arguments(
            "name contains null",
            "'contains' cannot compare with null; use eq null or ne null at position 6",
            6),
        // values and types
        arguments("priority eq \"high\"", "field 'priority' is an integer; \"high\" is not", 13),
        arguments("priority eq 2.5", "field 'priority' is an integer; 2.5 is not", 13),
        arguments("priority eq 1e-1", "field 'priority' is an integer; 1e-1 is not", 13),
        arguments(
            "priority eq 9223372036854775808",
            "field 'priority' is an integer; 9223372036854775808 is out of range",
            13),
        arguments(
            "priority eq 1e99999999999",
            "field 'priority' is an integer; 1e99999999999 is out of range",
            13),
        arguments("score gt 1e999", "field 'score' is a number; 1e999 is out of range", 10),
        arguments("score gt \"1\"", "field 'score' is a number; \"1\" is not", 10),
        arguments(
            "status eq 2",
            "field 'status' is a string; 2 is not (write strings in double quotes)",
            11),
        arguments(
            "done eq \"true\"",
            "field 'done' is a boolean; \"true\" is not (write true or false without quotes)",
            9),
        arguments(
            "due lt \"yesterday\"",
            "field 'due' is a date-time; \"yesterday\" is not (write an ISO-8601 date-time with an"
                + " offset in double quotes, e.g. \"2026-01-02T03:04:05Z\")",
            8),
        arguments("due lt \"2026-01-02\"", "field 'due' is a date-time; \"2026-01-02\" is not", 8),
        arguments(
            "due lt \"2026-01-02T03:04:05\"",
            "field 'due' is a date-time; \"2026-01-02T03:04:05\" is not",
            8),
        arguments(
            "due lt \"2026-13-02T03:04:05Z\"",
            "field 'due' is a date-time; \"2026-13-02T03:04:05Z\" is not",
            8),
        arguments("due lt 5", "field 'due' is a date-time; 5 is not", 8),
        arguments(
            "status eq open",
            "expected a value at position 11; write strings in double quotes, e.g. \"open\"",
            11),
        arguments(
            "status eq",
            "expected a value (a \"string\", a number, true, false or null) at position 10",
            10),
        arguments(
            "status eq 'x'",
            "expected a value (a \"string\", a number, true, false or null) at position 11",
            11),
        arguments(
            "priority eq -x",
            "expected a value (a \"string\", a number, true, false or null) at position 13",
            13),
        // lexical
        arguments("status eq \"open", "unterminated string at position 11", 11),
        arguments("status eq \"open\\\"", "unterminated string at position 11", 11),
        arguments(
            "status eq \"a\\n\"",
            "invalid escape '\\n' in string (only \\\" and \\\\ are allowed) at position 13",
            13),
        arguments("priority eq 1.", "invalid number '1.' at position 13", 13),
        arguments("priority eq 1e", "invalid number '1e' at position 13", 13),
        arguments("priority eq 12abc", "invalid number '12abc' at position 13", 13),
        arguments("priority eq 1.2.3", "invalid number '1.2.3' at position 13", 13),
        // structure
        arguments("status eq \"open\" and or priority ge 2", "unexpected 'or' at position 22", 22),
        arguments("or status eq \"open\"", "unexpected 'or' at position 1", 1),
        arguments("status eq \"open\" and", "unexpected end of filter at position 21", 21),
        arguments(
            "status eq \"open\" priority ge 2",
            "unexpected 'priority' at position 18; expected 'and', 'or' or the end of the filter",
            18),
        arguments(
            "status eq \"open\" AND priority ge 2",
            "unexpected 'AND' at position 18; expected 'and', 'or' or the end of the filter",
            18),
        arguments(
            "name eq \"a\" ; drop table t",
            "unexpected character ';' at position 13; expected 'and', 'or' or the end of the"
                + " filter",
            13),
        arguments("status eq \"open\" )", "unexpected ')' at position 18", 18),
        arguments("(status eq \"open\"", "unclosed '(' at position 1", 1),
        arguments("((status eq \"open\")", "unclosed '(' at position 1", 1),
        arguments(
            "(status eq \"open\" x",
            "unexpected 'x' at position 19; expected 'and', 'or' or ')'",
            19),
        arguments("()", "unexpected ')' at position 2", 2),
        arguments(
            "status eq \"a\" \u0007",
            "unexpected character U+0007 at position 15; expected 'and', 'or' or the end of the"
                + " filter",
            15),
        arguments("\"open\" eq status", "unexpected \"open\" at position 1", 1),
        arguments("status eq \"a\" or 1=1", "unexpected 1 at position 18", 18),
        arguments("", "filter is empty", 1),
        arguments(" \t\n", "filter is empty", 1),
        // positions count code points, not UTF-16 units
        arguments("name eq \"😀😀\" and stauts eq \"x\"", "unknown field 'stauts' at position 18", 18),
        // syntax errors win over semantic ones
        arguments("stauts eq \"open\" and", "unexpected end of filter at position 21", 21),
        // limits
        arguments(tooLong, "filter is too long: 4102 characters, the maximum is 4096", 4097),
        arguments(
            tooDeep, "too deeply nested: more than 32 levels of parentheses at position 33", 33),
        arguments(
            tooMany,
            "too many comparisons: more than 100 at position " + hundredFirst,
            hundredFirst));
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @MethodSource("invalidFilters")
  void reportsErrorsWithPosition(String filter, String message, int position) {
    assertThatThrownBy(() -> Filter.compile(filter, FIELDS))
        .isInstanceOfSatisfying(
            FilterException.class,
            e -> {
              assertThat(e.getMessage()).startsWith(message);
              assertThat(e.position()).isEqualTo(position);
            });
  }

  @Test
  void acceptsFiltersAtEveryLimit() {
    String longest = "status eq \"" + "a".repeat(4084) + "\"";
    String deepest = "(".repeat(32) + "status eq \"a\"" + ")".repeat(32);
    String mostComparisons =
        IntStream.range(0, 100).mapToObj(i -> "priority eq " + i).collect(joining(" or "));

    assertThat(longest).hasSize(Filter.MAX_LENGTH);
    assertThat(Filter.compile(longest, FIELDS).condition().parameters())
        .containsExactly("a".repeat(4084));
    assertThat(Filter.compile(deepest, FIELDS).condition().sql()).isEqualTo("\"f_status\" = ?");
    assertThat(Filter.compile(mostComparisons, FIELDS).condition().parameters()).hasSize(100);
  }

  @Test
  void countsLengthInCodePoints() {
    String emoji = "😀".repeat(4087);
    assertThat(Filter.compile("name eq \"" + emoji.substring(2) + "\"", FIELDS)).isNotNull();
    assertThatThrownBy(() -> Filter.compile("name eq \"" + emoji + "\"", FIELDS))
        .isInstanceOfSatisfying(
            FilterException.class, e -> assertThat(e.position()).isEqualTo(4097));
  }

  @Test
  void reportsTheFieldsItReads() {
    CompiledFilter compiled =
        Filter.compile(
            "status eq \"a\" or (priority gt 1 and status ne \"b\") or due eq null", FIELDS);

    assertThat(compiled.fields()).containsExactly("status", "priority", "due");
  }

  @Test
  void exactErrorMessagesOfThePublicContract() {
    assertThatThrownBy(() -> Filter.compile("priority eq \"high\"", FIELDS))
        .hasMessage("field 'priority' is an integer; \"high\" is not");
    assertThatThrownBy(() -> Filter.compile("stauts eq \"open\"", FIELDS))
        .hasMessage("unknown field 'stauts' at position 1");
  }

  @Test
  void shortensLongTokensInMessages() {
    String value = "\"" + "x".repeat(100) + "\"";
    assertThatThrownBy(() -> Filter.compile("priority eq " + value, FIELDS))
        .hasMessage("field 'priority' is an integer; \"" + "x".repeat(39) + "… is not");
  }

  @Test
  void rejectsNullArguments() {
    assertThatThrownBy(() -> Filter.compile(null, FIELDS)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> Filter.compile("status eq \"a\"", null))
        .isInstanceOf(NullPointerException.class);
  }

  @Test
  void resolverOfRefusesDuplicateNames() {
    FilterField field = new FilterField("status", FieldType.STRING, "\"f_status\"");
    assertThatThrownBy(() -> FieldResolver.of(List.of(field, field)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
