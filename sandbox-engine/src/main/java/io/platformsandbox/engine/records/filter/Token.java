package io.platformsandbox.engine.records.filter;

/**
 * One lexical token.
 *
 * @param kind what the token is
 * @param text the token's source text (for {@link Kind#STRING}, including the quotes)
 * @param value the unescaped content of a string token; the source text otherwise
 * @param position the 1-based code point offset of the token's first character
 */
record Token(Kind kind, String text, String value, int position) {

  enum Kind {
    /** {@code [A-Za-z_][A-Za-z0-9_]*}: a field name, operator or other keyword. */
    WORD,
    STRING,
    NUMBER,
    LEFT_PAREN,
    RIGHT_PAREN,
    /** A character that starts no token; the parser reports it in context. */
    INVALID,
    END
  }

  private static final int MAX_SHOWN = 40;

  boolean isWord(String word) {
    return kind == Kind.WORD && text.equals(word);
  }

  /** How error messages name this token, e.g. {@code 'or'}, {@code "open"}, {@code 42}. */
  String describe() {
    return switch (kind) {
      case END -> "end of filter";
      case STRING, NUMBER -> shorten(text);
      case INVALID -> Character.isISOControl(text.codePointAt(0))
          ? String.format("character U+%04X", text.codePointAt(0))
          : "character '" + text + "'";
      default -> "'" + shorten(text) + "'";
    };
  }

  static String shorten(String text) {
    if (text.codePointCount(0, text.length()) <= MAX_SHOWN) {
      return text;
    }
    return text.substring(0, text.offsetByCodePoints(0, MAX_SHOWN)) + "…";
  }
}
