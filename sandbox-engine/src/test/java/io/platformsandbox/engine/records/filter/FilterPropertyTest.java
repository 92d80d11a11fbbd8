package io.platformsandbox.engine.records.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.platformsandbox.engine.records.FieldType;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.statistics.Statistics;

/**
 * Checks the compiled SQL against a real H2 database: random filters are built with this test's
 * own model, rendered to text, evaluated in Java by an independent reading of the documented
 * semantics, and run as SQL; both must select the same rows. Mutated and hostile filters must fail
 * with a {@link FilterException} (or match only what they say) and leave the table intact.
 */
class FilterPropertyTest {

  private static final String URL = "jdbc:h2:mem:filtertest;DB_CLOSE_DELAY=-1";
  private static final int ROW_COUNT = 60;

  /** Values that stress quoting, LIKE wildcards, escapes, ordering and Unicode. */
  private static final List<String> STRINGS =
      List.of(
          "", "open", "closed", "Open", "OPEN", "a\"b", "\"", "it's", "'; drop table t; --",
          "x\" or 1=1 --", "100%", "%", "a_b", "_", "\\", "back\\slash", "a%b_c\\d", "ünïcödé",
          "日本語", "😀", "x😀y", "\uffff", " spaced ", "tab\there", "line\nbreak", "and or eq");

  private static final String ALPHABET = "ab AZ\"'%_\\-;()éü日😀\uffff";
  private static final int[] ALPHABET_CODE_POINTS = ALPHABET.codePoints().toArray();
  private static final List<Long> INTEGERS =
      List.of(0L, 1L, -1L, 2L, 3L, -3L, 100L, 1000L, Long.MAX_VALUE, Long.MIN_VALUE);
  private static final List<Double> NUMBERS =
      List.of(0.0, -0.0, 0.1, 2.5, -2.5, 3.0, 1e-300, -1e300, Double.MAX_VALUE, 100.0, 1000.0);
  private static final List<Instant> INSTANTS =
      List.of(
          Instant.parse("2026-01-02T03:04:05Z"),
          Instant.parse("2026-01-02T03:04:05.000001Z"),
          Instant.parse("2026-01-02T03:04:04.999999Z"),
          Instant.parse("1970-01-01T00:00:00Z"),
          Instant.parse("1969-12-31T23:59:59.5Z"),
          Instant.parse("2099-12-31T23:59:59Z"),
          Instant.parse("0001-01-01T00:00:00Z"));
  private static final List<ZoneOffset> OFFSETS =
      List.of(
          ZoneOffset.UTC,
          ZoneOffset.ofHours(2),
          ZoneOffset.ofHoursMinutes(-5, -30),
          ZoneOffset.ofHours(14),
          ZoneOffset.ofHours(-18));

  record Row(
      long id,
      String status,
      String name,
      Long priority,
      Double score,
      Boolean done,
      OffsetDateTime due) {}

  enum Type {
    STRING,
    INTEGER,
    NUMBER,
    BOOLEAN,
    DATETIME
  }

  record Field(String name, Type type, Function<Row, Object> getter) {}

  private static final List<Field> FIELDS =
      List.of(
          new Field("status", Type.STRING, Row::status),
          new Field("name", Type.STRING, Row::name),
          new Field("priority", Type.INTEGER, Row::priority),
          new Field("score", Type.NUMBER, Row::score),
          new Field("done", Type.BOOLEAN, Row::done),
          new Field("due", Type.DATETIME, Row::due));

  private static final FieldResolver RESOLVER =
      FieldResolver.of(
          List.of(
              new FilterField("status", FieldType.STRING, "\"f_status\""),
              new FilterField("name", FieldType.STRING, "\"f_name\""),
              new FilterField("priority", FieldType.INTEGER, "\"f_priority\""),
              new FilterField("score", FieldType.NUMBER, "\"f_score\""),
              new FilterField("done", FieldType.BOOLEAN, "\"f_done\""),
              new FilterField("due", FieldType.DATETIME, "\"f_due\""),
              new FilterField("meta", FieldType.JSON, "\"f_meta\"")));

  private static final List<Row> ROWS = rows(new Random(20260102L));

  private static Connection connection;

  // ---------------------------------------------------------------- the test's own filter model

  /** A literal as the test renders it; {@code value} is what the reference evaluation uses. */
  record Value(Object value, String text) {}

  sealed interface Node permits Comparison, Junction {}

  record Comparison(Field field, String op, Value value) implements Node {}

  record Junction(boolean and, List<Node> operands, boolean extraParens) implements Node {}

  // ---------------------------------------------------------------- database

  @BeforeContainer
  static void createTable() throws SQLException {
    connection = DriverManager.getConnection(URL);
    try (Statement statement = connection.createStatement()) {
      statement.execute("DROP TABLE IF EXISTS T");
      statement.execute(
          "CREATE TABLE T (ID BIGINT PRIMARY KEY, \"f_status\" CHARACTER VARYING,"
              + " \"f_name\" CHARACTER VARYING, \"f_priority\" BIGINT,"
              + " \"f_score\" DOUBLE PRECISION, \"f_done\" BOOLEAN,"
              + " \"f_due\" TIMESTAMP(6) WITH TIME ZONE, \"f_meta\" CHARACTER VARYING)");
    }
    try (PreparedStatement insert =
        connection.prepareStatement("INSERT INTO T VALUES (?, ?, ?, ?, ?, ?, ?, NULL)")) {
      for (Row row : ROWS) {
        insert.setLong(1, row.id());
        setNullable(insert, 2, row.status(), Types.VARCHAR);
        setNullable(insert, 3, row.name(), Types.VARCHAR);
        setNullable(insert, 4, row.priority(), Types.BIGINT);
        setNullable(insert, 5, row.score(), Types.DOUBLE);
        setNullable(insert, 6, row.done(), Types.BOOLEAN);
        setNullable(insert, 7, row.due(), Types.TIMESTAMP_WITH_TIMEZONE);
        insert.executeUpdate();
      }
    }
  }

  @AfterContainer
  static void dropTable() throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute("DROP TABLE IF EXISTS T");
    }
    connection.close();
  }

  private static void setNullable(PreparedStatement statement, int index, Object value, int type)
      throws SQLException {
    if (value == null) {
      statement.setNull(index, type);
    } else {
      statement.setObject(index, value);
    }
  }

  private static Set<Long> select(SqlCondition condition) throws SQLException {
    try (PreparedStatement query =
        connection.prepareStatement("SELECT ID FROM T WHERE " + condition.sql())) {
      List<Object> parameters = condition.parameters();
      for (int i = 0; i < parameters.size(); i++) {
        query.setObject(i + 1, parameters.get(i));
      }
      Set<Long> ids = new TreeSet<>();
      try (ResultSet result = query.executeQuery()) {
        while (result.next()) {
          ids.add(result.getLong(1));
        }
      }
      return ids;
    }
  }

  private static void assertTableIntact() throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet result = statement.executeQuery("SELECT COUNT(*) FROM T")) {
      assertThat(result.next()).isTrue();
      assertThat(result.getLong(1)).isEqualTo(ROW_COUNT);
    }
  }

  // ---------------------------------------------------------------- properties

  @Property(tries = 300)
  void sqlSelectsExactlyTheRowsTheSemanticsSelect(
      @ForAll("filters") Node filter, @ForAll long layoutSeed) throws SQLException {
    String text = text(render(filter, new Random(layoutSeed)));
    Set<Long> expected = new TreeSet<>();
    for (Row row : ROWS) {
      if (matches(filter, row)) {
        expected.add(row.id());
      }
    }

    CompiledFilter compiled = Filter.compile(text, RESOLVER);

    assertThat(select(compiled.condition()))
        .as("%s%n  compiled to %s", text, compiled.condition())
        .isEqualTo(expected);
    assertThat(compiled.fields()).isEqualTo(fieldNames(filter));
    Statistics.label("rows matched")
        .collect(expected.isEmpty() ? "none" : expected.size() == ROW_COUNT ? "all" : "some");
  }

  enum Mutation {
    DROP_CLOSING_QUOTE,
    GARBAGE_OPERATOR,
    UNKNOWN_FIELD,
    WRONG_TYPED_VALUE,
    DANGLING_CONNECTIVE,
    UNBALANCED_PARENTHESIS
  }

  @Property(tries = 300)
  void mutatedFiltersFailWithAPositionInsideTheText(
      @ForAll("filters") Node filter, @ForAll Mutation mutation, @ForAll long seed) {
    Random random = new Random(seed);
    List<Piece> pieces = render(filter, random);
    Expected expected = mutate(pieces, mutation, random);
    String text = text(pieces);
    int length = text.codePointCount(0, text.length());

    FilterException error =
        catchThrowableOfType(FilterException.class, () -> Filter.compile(text, RESOLVER));

    assertThat(error).as("%s: %s", mutation, text).isNotNull();
    assertThat(error.position()).as(error.getMessage()).isBetween(1, length + 1);
    assertThat(error.getMessage()).as(text).contains(expected.messagePart());
    if (expected.position() > 0) {
      assertThat(error.position()).as("%s: %s", error.getMessage(), text)
          .isEqualTo(expected.position());
    }
    Statistics.label("mutation").collect(mutation);
  }

  /** Arbitrary text made of filter fragments and stray characters never escapes as SQL. */
  @Property(tries = 300)
  void arbitraryTextEitherFailsCleanlyOrRunsAsSql(@ForAll("noise") String text)
      throws SQLException {
    int length = text.codePointCount(0, text.length());
    CompiledFilter compiled;
    try {
      compiled = Filter.compile(text, RESOLVER);
    } catch (FilterException e) {
      assertThat(e.position()).as(e.getMessage()).isBetween(1, length + 1);
      assertThat(e.getMessage()).isNotBlank();
      Matcher stated = Pattern.compile(" at position (\\d+)").matcher(e.getMessage());
      if (stated.find()) {
        assertThat(Integer.parseInt(stated.group(1))).as(e.getMessage()).isEqualTo(e.position());
      }
      Statistics.label("outcome").collect("rejected");
      return;
    }
    SqlCondition condition = compiled.condition();
    assertThat(condition.sql().chars().filter(c -> c == '?').count())
        .isEqualTo(condition.parameters().size());
    select(condition);
    Statistics.label("outcome").collect("compiled");
  }

  @Example
  void injectionAttemptsAreParametersOrErrors() throws SQLException {
    List<String> attempts =
        List.of(
            "status eq \"x\\\" or 1=1 --\"",
            "status eq \"'; drop table t; --\"",
            "name eq \"a\" ; drop table t",
            "status eq \"a\" or 1=1",
            "status eq \"a\" -- comment",
            "status eq 'x' or 'a'='a'",
            "\"f_status\" eq \"x\"",
            "status) or (1 eq 1",
            "status eq \"a\" or status eq \"b\\\\\" or 1=1 --\"",
            "priority eq 1; DELETE FROM T",
            "status eq \"\"\" or \"\"=\"\"",
            "status contains \"%\"",
            "status contains \"_\"",
            "name contains \"\\\\\"",
            "status eq \"a\"/**/or/**/1=1");
    for (String attempt : attempts) {
      CompiledFilter compiled;
      try {
        compiled = Filter.compile(attempt, RESOLVER);
      } catch (FilterException e) {
        assertThat(e.position()).isBetween(1, attempt.length() + 1);
        assertTableIntact();
        continue;
      }
      Set<Long> expected = new TreeSet<>();
      for (Row row : ROWS) {
        if (injectionReference(attempt, row)) {
          expected.add(row.id());
        }
      }
      assertThat(select(compiled.condition())).as(attempt).isEqualTo(expected);
      assertTableIntact();
    }
  }

  /** What the attempts that do compile mean, written out by hand. */
  private static boolean injectionReference(String attempt, Row row) {
    return switch (attempt) {
      case "status eq \"x\\\" or 1=1 --\"" -> "x\" or 1=1 --".equals(row.status());
      case "status eq \"'; drop table t; --\"" -> "'; drop table t; --".equals(row.status());
      case "status contains \"%\"" -> row.status() != null && row.status().contains("%");
      case "status contains \"_\"" -> row.status() != null && row.status().contains("_");
      case "name contains \"\\\\\"" -> row.name() != null && row.name().contains("\\");
      default -> throw new AssertionError("expected " + attempt + " to be rejected");
    };
  }

  @Example
  void theHostileValuesAreReallyInTheTable() {
    long withPercent = ROWS.stream().filter(r -> r.status() != null && r.status().contains("%"))
        .count();
    long withNulls = ROWS.stream().filter(r -> r.status() == null).count();
    assertThat(withPercent).isPositive().isLessThan(ROW_COUNT);
    assertThat(withNulls).isPositive().isLessThan(ROW_COUNT);
  }

  @Example
  void jsonFieldsCannotBeFilteredEvenForNull() {
    assertThatThrownBy(() -> Filter.compile("meta eq null", RESOLVER))
        .isInstanceOf(FilterException.class);
  }

  // ---------------------------------------------------------------- reference evaluation

  private static boolean matches(Node node, Row row) {
    if (node instanceof Junction junction) {
      return junction.and()
          ? junction.operands().stream().allMatch(n -> matches(n, row))
          : junction.operands().stream().anyMatch(n -> matches(n, row));
    }
    Comparison comparison = (Comparison) node;
    Object column = comparison.field().getter().apply(row);
    Object value = comparison.value().value();
    String op = comparison.op();
    if (value == null) {
      return op.equals("eq") ? column == null : column != null;
    }
    if (column == null) {
      return op.equals("ne");
    }
    if (op.equals("contains")) {
      return ((String) column).contains((String) value);
    }
    int order = compare(column, value);
    return switch (op) {
      case "eq" -> order == 0;
      case "ne" -> order != 0;
      case "gt" -> order > 0;
      case "ge" -> order >= 0;
      case "lt" -> order < 0;
      case "le" -> order <= 0;
      default -> throw new AssertionError(op);
    };
  }

  private static int compare(Object column, Object value) {
    if (column instanceof String s) {
      return Integer.signum(s.compareTo((String) value));
    }
    if (column instanceof Long l) {
      return Long.compare(l, (Long) value);
    }
    if (column instanceof Double d) {
      double v = (Double) value;
      return d < v ? -1 : d > v ? 1 : 0; // numerically: -0.0 equals 0.0
    }
    if (column instanceof Boolean b) {
      return b.equals(value) ? 0 : 1;
    }
    return ((OffsetDateTime) column).toInstant().compareTo(((OffsetDateTime) value).toInstant());
  }

  private static Set<String> fieldNames(Node node) {
    Set<String> names = new LinkedHashSet<>();
    collectFieldNames(node, names);
    return names;
  }

  private static void collectFieldNames(Node node, Set<String> names) {
    if (node instanceof Junction junction) {
      junction.operands().forEach(n -> collectFieldNames(n, names));
    } else {
      names.add(((Comparison) node).field().name());
    }
  }

  // ---------------------------------------------------------------- rendering

  enum Role {
    FIELD,
    OPERATOR,
    VALUE,
    CONNECTIVE,
    OPEN,
    CLOSE,
    SPACE
  }

  /** One token (or run of whitespace) of a rendered filter; {@code comparison} numbers it. */
  record Piece(String text, Role role, int comparison) {}

  private static List<Piece> render(Node node, Random random) {
    List<Piece> tokens = new ArrayList<>();
    renderInto(node, false, random, tokens, new int[] {0});
    List<Piece> pieces = new ArrayList<>();
    pieces.add(new Piece(random.nextInt(4) == 0 ? " \t" : "", Role.SPACE, -1));
    for (int i = 0; i < tokens.size(); i++) {
      if (i > 0) {
        boolean needed = runsTogether(tokens.get(i - 1).text(), tokens.get(i).text());
        pieces.add(new Piece(space(random, needed), Role.SPACE, -1));
      }
      pieces.add(tokens.get(i));
    }
    pieces.add(new Piece(random.nextInt(4) == 0 ? "\n " : "", Role.SPACE, -1));
    return pieces;
  }

  private static void renderInto(
      Node node, boolean insideAnd, Random random, List<Piece> out, int[] counter) {
    if (node instanceof Comparison comparison) {
      int index = counter[0]++;
      boolean parens = random.nextInt(8) == 0;
      if (parens) {
        out.add(new Piece("(", Role.OPEN, -1));
      }
      out.add(new Piece(comparison.field().name(), Role.FIELD, index));
      out.add(new Piece(comparison.op(), Role.OPERATOR, index));
      out.add(new Piece(comparison.value().text(), Role.VALUE, index));
      if (parens) {
        out.add(new Piece(")", Role.CLOSE, -1));
      }
      return;
    }
    Junction junction = (Junction) node;
    boolean parens = junction.extraParens() || (insideAnd && !junction.and());
    if (parens) {
      out.add(new Piece("(", Role.OPEN, -1));
    }
    for (int i = 0; i < junction.operands().size(); i++) {
      if (i > 0) {
        out.add(new Piece(junction.and() ? "and" : "or", Role.CONNECTIVE, -1));
      }
      renderInto(junction.operands().get(i), junction.and(), random, out, counter);
    }
    if (parens) {
      out.add(new Piece(")", Role.CLOSE, -1));
    }
  }

  private static boolean runsTogether(String left, String right) {
    return isWordChar(left.charAt(left.length() - 1))
        && (isWordChar(right.charAt(0)) || right.charAt(0) == '-');
  }

  private static boolean isWordChar(char c) {
    return Character.isLetterOrDigit(c) || c == '_' || c == '.';
  }

  private static String space(Random random, boolean needed) {
    return switch (random.nextInt(6)) {
      case 0, 1 -> needed ? " " : "";
      case 2 -> "  ";
      case 3 -> "\t";
      case 4 -> "\r\n";
      default -> " ";
    };
  }

  private static String text(List<Piece> pieces) {
    return pieces.stream().map(Piece::text).collect(Collectors.joining());
  }

  /** The 1-based code point position where piece {@code index} starts. */
  private static int position(List<Piece> pieces, int index) {
    String before = text(pieces.subList(0, index));
    return before.codePointCount(0, before.length()) + 1;
  }

  // ---------------------------------------------------------------- mutations

  /** What the error must mention and, when known, where it must point (0 = anywhere). */
  record Expected(String messagePart, int position) {}

  private static Expected mutate(List<Piece> pieces, Mutation mutation, Random random) {
    int comparisons = (int) pieces.stream().filter(p -> p.role() == Role.FIELD).count();
    int target = random.nextInt(comparisons);
    return switch (mutation) {
      case DROP_CLOSING_QUOTE -> {
        int last = -1;
        for (int i = 0; i < pieces.size(); i++) {
          if (pieces.get(i).role() == Role.VALUE && pieces.get(i).text().startsWith("\"")) {
            last = i;
          }
        }
        if (last < 0) {
          pieces.add(new Piece(" and status eq ", Role.SPACE, -1));
          last = pieces.size();
          pieces.add(new Piece("\"open\"", Role.VALUE, -1));
        }
        String quoted = pieces.get(last).text();
        pieces.set(
            last, new Piece(quoted.substring(0, quoted.length() - 1), Role.VALUE, -1));
        yield new Expected("unterminated string", position(pieces, last));
      }
      case GARBAGE_OPERATOR -> {
        String garbage =
            List.of("==", "=", "equals", "EQ", "<>", "!=", "like", "in", "Contains", "")
                .get(random.nextInt(10));
        int at = replace(pieces, Role.OPERATOR, target, garbage);
        int errorAt = garbage.isEmpty() ? at + 2 : at;
        yield new Expected("expected an operator", position(pieces, errorAt));
      }
      case UNKNOWN_FIELD -> {
        String name =
            List.of("stauts", "Status", "priority_", "x", "_", "due2", "NAME")
                .get(random.nextInt(7));
        int at = replace(pieces, Role.FIELD, target, name);
        yield new Expected("unknown field '" + name + "'", position(pieces, at));
      }
      case WRONG_TYPED_VALUE -> {
        int fieldAt = indexOf(pieces, Role.FIELD, target);
        Type type = fieldOf(pieces.get(fieldAt).text()).type();
        String op = pieces.get(indexOf(pieces, Role.OPERATOR, target)).text();
        List<String> wrong = new ArrayList<>(wrongValues(type));
        if (!op.equals("eq") && !op.equals("ne")) {
          wrong.add("null");
        }
        String value = wrong.get(random.nextInt(wrong.size()));
        int at = replace(pieces, Role.VALUE, target, value);
        if (value.equals("null")) {
          yield new Expected(
              "cannot compare with null", position(pieces, indexOf(pieces, Role.OPERATOR, target)));
        }
        if (value.equals("open") || value.equals("yes")) {
          yield new Expected("write strings in double quotes", position(pieces, at));
        }
        yield new Expected("field '" + pieces.get(fieldAt).text() + "' is ", position(pieces, at));
      }
      case DANGLING_CONNECTIVE -> {
        String connective = random.nextBoolean() ? "and" : "or";
        if (random.nextBoolean()) {
          pieces.add(0, new Piece(connective + " ", Role.CONNECTIVE, -1));
          yield new Expected("unexpected '" + connective + "'", 1);
        }
        pieces.add(new Piece(" " + connective, Role.CONNECTIVE, -1));
        String text = text(pieces);
        yield new Expected("unexpected end of filter", text.codePointCount(0, text.length()) + 1);
      }
      case UNBALANCED_PARENTHESIS -> {
        if (random.nextBoolean()) {
          pieces.add(0, new Piece("(", Role.OPEN, -1));
          yield new Expected("unclosed '('", 1);
        }
        pieces.add(new Piece(")", Role.CLOSE, -1));
        yield new Expected("unexpected ')'", position(pieces, pieces.size() - 1));
      }
    };
  }

  private static List<String> wrongValues(Type type) {
    return switch (type) {
      case STRING -> List.of("2", "-3.5", "true", "open");
      case INTEGER -> List.of("\"high\"", "2.5", "1e-1", "99999999999999999999", "false");
      case NUMBER -> List.of("\"1\"", "false", "1e999", "-1e999");
      case BOOLEAN -> List.of("\"true\"", "1", "0", "yes");
      case DATETIME -> List.of(
          "\"yesterday\"", "\"2026-01-02\"", "\"2026-01-02T03:04:05\"",
          "\"2026-13-01T00:00:00Z\"", "5", "true");
    };
  }

  private static Field fieldOf(String name) {
    return FIELDS.stream().filter(f -> f.name().equals(name)).findFirst().orElseThrow();
  }

  private static int indexOf(List<Piece> pieces, Role role, int comparison) {
    for (int i = 0; i < pieces.size(); i++) {
      if (pieces.get(i).role() == role && pieces.get(i).comparison() == comparison) {
        return i;
      }
    }
    throw new AssertionError("no " + role + " for comparison " + comparison);
  }

  /** Replaces a piece, making sure it stays separated from its neighbours by whitespace. */
  private static int replace(List<Piece> pieces, Role role, int comparison, String text) {
    int at = indexOf(pieces, role, comparison);
    pieces.set(at, new Piece(text, role, comparison));
    for (int neighbour : new int[] {at - 1, at + 1}) {
      if (pieces.get(neighbour).role() == Role.SPACE && pieces.get(neighbour).text().isEmpty()) {
        pieces.set(neighbour, new Piece(" ", Role.SPACE, -1));
      }
    }
    return at;
  }

  // ---------------------------------------------------------------- generators

  @Provide
  Arbitrary<Node> filters() {
    return node(3);
  }

  private Arbitrary<Node> node(int depth) {
    if (depth == 0) {
      return comparison();
    }
    return Arbitraries.lazy(
        () ->
            Arbitraries.frequencyOf(
                Tuple.of(3, comparison()),
                Tuple.of(
                    2,
                    Combinators.combine(
                            Arbitraries.of(true, false),
                            node(depth - 1).list().ofMinSize(2).ofMaxSize(3),
                            Arbitraries.of(true, false, false, false))
                        .as(Junction::new))));
  }

  private Arbitrary<Node> comparison() {
    return Arbitraries.of(FIELDS)
        .flatMap(
            field ->
                operators(field.type())
                    .flatMap(op -> value(field.type(), op).map(v -> new Comparison(field, op, v))));
  }

  private static Arbitrary<String> operators(Type type) {
    return switch (type) {
      case STRING -> Arbitraries.of("eq", "ne", "gt", "ge", "lt", "le", "contains");
      case BOOLEAN -> Arbitraries.of("eq", "ne");
      default -> Arbitraries.of("eq", "ne", "gt", "ge", "lt", "le");
    };
  }

  private static Arbitrary<Value> value(Type type, String op) {
    Arbitrary<Value> typed = typedValue(type, op);
    if (op.equals("eq") || op.equals("ne")) {
      return Arbitraries.frequencyOf(
          Tuple.of(1, Arbitraries.just(new Value(null, "null"))), Tuple.of(9, typed));
    }
    return typed;
  }

  private static Arbitrary<Value> typedValue(Type type, String op) {
    return switch (type) {
      case STRING -> {
        Arbitrary<String> strings =
            Arbitraries.oneOf(
                Arbitraries.of(STRINGS),
                Arbitraries.strings().withChars(ALPHABET).ofMaxLength(4));
        if (op.equals("contains")) {
          strings =
              Arbitraries.oneOf(
                  strings, substrings(), Arbitraries.of("_", "%", "\\", "a_", "_b", "%_"));
        }
        yield strings.map(s -> new Value(s, quote(s)));
      }
      case INTEGER -> Arbitraries.oneOf(
              Arbitraries.of(INTEGERS), Arbitraries.longs().between(-5, 5), Arbitraries.longs())
          .flatMap(FilterPropertyTest::integerSpellings);
      case NUMBER -> Arbitraries.oneOf(
              Arbitraries.of(NUMBERS),
              Arbitraries.doubles().between(-5, 5).ofScale(1),
              Arbitraries.doubles().between(-1e6, 1e6))
          .flatMap(d -> Arbitraries.of(Double.toString(d), Double.toString(d).replace('E', 'e'))
              .map(text -> new Value(d, text)));
      case BOOLEAN -> Arbitraries.of(true, false).map(b -> new Value(b, b.toString()));
      case DATETIME -> Combinators.combine(
              Arbitraries.oneOf(
                  Arbitraries.of(INSTANTS),
                  Arbitraries.longs().between(-2_000_000_000L, 4_000_000_000L)
                      .map(s -> Instant.ofEpochSecond(s, 0)),
                  Arbitraries.of(INSTANTS)
                      .flatMap(i -> Arbitraries.longs().between(-2000, 2000)
                          .map(i::plusNanos))),
              Arbitraries.of(OFFSETS))
          .as((instant, offset) -> {
            OffsetDateTime dateTime = instant.atOffset(offset);
            return new Value(
                dateTime, quote(dateTime.format(DateTimeFormatter.ISO_OFFSET_DATE_TIME)));
          });
    };
  }

  private static Arbitrary<Value> integerSpellings(long value) {
    List<String> spellings = new ArrayList<>(List.of(Long.toString(value)));
    if (Math.abs(value) < 1_000_000) {
      spellings.add(value + ".0");
      spellings.add(value + "e0");
      if (value % 100 == 0 && value != 0) {
        spellings.add(value / 100 + "E2");
      }
    }
    return Arbitraries.of(spellings).map(text -> new Value(value, text));
  }

  /** Code-point-aligned substrings of the stored strings, so {@code contains} often matches. */
  private static Arbitrary<String> substrings() {
    return Arbitraries.of(STRINGS)
        .filter(s -> !s.isEmpty())
        .flatMap(
            s -> {
              int length = s.codePointCount(0, s.length());
              return Arbitraries.integers().between(0, length)
                  .flatMap(start -> Arbitraries.integers().between(start, length)
                      .map(end -> s.substring(
                          s.offsetByCodePoints(0, start), s.offsetByCodePoints(0, end))));
            });
  }

  @Provide
  Arbitrary<String> noise() {
    Arbitrary<String> fragments =
        Arbitraries.of(
                "status", "name", "priority", "score", "done", "due", "meta", "eq", "ne", "gt",
                "ge", "lt", "le", "contains", "and", "or", "(", ")", "\"", "\\", " ", " ",
                "\"open\"", "\"a\\\"b\"", "2", "-3", "2.5", "1e3", "true", "false", "null", "x",
                "=", ";", "'", "--", "%", "\"2026-01-02T03:04:05Z\"", "😀", "\t")
            .list()
            .ofMaxSize(14)
            .map(list -> String.join("", list));
    Arbitrary<String> edited =
        Combinators.combine(filters(), Arbitraries.longs()).as(FilterPropertyTest::edit);
    return Arbitraries.frequencyOf(
        Tuple.of(3, edited),
        Tuple.of(3, fragments),
        Tuple.of(1, Arbitraries.strings().ofMaxLength(30)),
        Tuple.of(1, Arbitraries.strings().withChars(ALPHABET + "eqandor").ofMaxLength(30)));
  }

  /** A valid filter with one to three random code point edits; some stay valid. */
  private static String edit(Node filter, long seed) {
    Random random = new Random(seed);
    List<Integer> text = new ArrayList<>();
    text(render(filter, random)).codePoints().forEach(text::add);
    int[] alphabet = (ALPHABET + "eqandor0123456789 ").codePoints().toArray();
    for (int edits = 1 + random.nextInt(3); edits > 0; edits--) {
      int at = random.nextInt(text.size() + 1);
      int kind = random.nextInt(3);
      if (kind == 0 && at < text.size()) {
        text.remove(at);
      } else if (kind == 1 && at < text.size()) {
        text.set(at, alphabet[random.nextInt(alphabet.length)]);
      } else {
        text.add(at, alphabet[random.nextInt(alphabet.length)]);
      }
    }
    StringBuilder result = new StringBuilder();
    text.forEach(result::appendCodePoint);
    return result.toString();
  }

  private static String quote(String value) {
    return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  // ---------------------------------------------------------------- data

  private static List<Row> rows(Random random) {
    List<Row> rows = new ArrayList<>();
    for (long id = 1; id <= ROW_COUNT; id++) {
      rows.add(
          new Row(
              id,
              nullOr(random, () -> string(random)),
              nullOr(random, () -> string(random)),
              nullOr(random, () -> random.nextInt(3) == 0
                  ? (long) random.nextInt(11) - 5
                  : INTEGERS.get(random.nextInt(INTEGERS.size()))),
              nullOr(random, () -> random.nextInt(3) == 0
                  ? Math.round(random.nextGaussian() * 30) / 10.0
                  : NUMBERS.get(random.nextInt(NUMBERS.size()))),
              nullOr(random, random::nextBoolean),
              nullOr(random, () -> {
                Instant instant = random.nextInt(3) == 0
                    ? Instant.ofEpochSecond(random.nextInt(), random.nextInt(1_000_000) * 1000L)
                    : INSTANTS.get(random.nextInt(INSTANTS.size()));
                return instant.atOffset(OFFSETS.get(random.nextInt(OFFSETS.size())));
              })));
    }
    return List.copyOf(rows);
  }

  private static String string(Random random) {
    if (random.nextInt(4) > 0) {
      return STRINGS.get(random.nextInt(STRINGS.size()));
    }
    StringBuilder s = new StringBuilder();
    int length = random.nextInt(6);
    for (int i = 0; i < length; i++) {
      s.appendCodePoint(ALPHABET_CODE_POINTS[random.nextInt(ALPHABET_CODE_POINTS.length)]);
    }
    return s.toString();
  }

  private static <T> T nullOr(Random random, Supplier<T> value) {
    return random.nextInt(5) == 0 ? null : value.get();
  }
}
