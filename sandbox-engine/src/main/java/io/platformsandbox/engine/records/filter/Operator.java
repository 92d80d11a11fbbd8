package io.platformsandbox.engine.records.filter;

import java.util.Arrays;
import java.util.Optional;

/** The comparison operators of the filter language, keyed by their lowercase keyword. */
enum Operator {
  EQ("eq"),
  NE("ne"),
  GT("gt"),
  GE("ge"),
  LT("lt"),
  LE("le"),
  CONTAINS("contains");

  /** The operator list as error messages show it. */
  static final String ALL = "eq, ne, gt, ge, lt, le, contains";

  private final String keyword;

  Operator(String keyword) {
    this.keyword = keyword;
  }

  String keyword() {
    return keyword;
  }

  static Optional<Operator> fromKeyword(String word) {
    return Arrays.stream(values()).filter(op -> op.keyword.equals(word)).findFirst();
  }
}
