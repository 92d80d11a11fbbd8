package io.platformsandbox.engine.records.filter;

/**
 * Splits filter text into tokens on demand, so a malformed token after an earlier error is never
 * reached and the first problem in the text is the one reported.
 */
final class Lexer {

  private final String text;
  private int index;
  private int position = 1;

  Lexer(String text) {
    this.text = text;
  }

  Token next() {
    while (index < text.length() && Character.isWhitespace(text.codePointAt(index))) {
      advance();
    }
    int start = index;
    int startPosition = position;
    if (index >= text.length()) {
      return new Token(Token.Kind.END, "", "", startPosition);
    }
    char c = text.charAt(index);
    if (c == '(' || c == ')') {
      advance();
      Token.Kind kind = c == '(' ? Token.Kind.LEFT_PAREN : Token.Kind.RIGHT_PAREN;
      return new Token(kind, String.valueOf(c), String.valueOf(c), startPosition);
    }
    if (c == '"') {
      return string(startPosition);
    }
    if (c == '-' || isDigit(c)) {
      return number(start, startPosition);
    }
    if (isWordStart(c)) {
      while (index < text.length() && isWordPart(text.charAt(index))) {
        advance();
      }
      String word = text.substring(start, index);
      return new Token(Token.Kind.WORD, word, word, startPosition);
    }
    advance();
    String bad = text.substring(start, index);
    return new Token(Token.Kind.INVALID, bad, bad, startPosition);
  }

  private Token string(int startPosition) {
    int start = index;
    advance();
    StringBuilder value = new StringBuilder();
    while (index < text.length()) {
      char c = text.charAt(index);
      if (c == '"') {
        advance();
        return new Token(
            Token.Kind.STRING, text.substring(start, index), value.toString(), startPosition);
      }
      if (c == '\\') {
        int escapePosition = position;
        advance();
        if (index >= text.length()) {
          break;
        }
        char escaped = text.charAt(index);
        if (escaped != '"' && escaped != '\\') {
          String shown = text.substring(index, text.offsetByCodePoints(index, 1));
          throw FilterException.at(
              "invalid escape '\\" + shown + "' in string (only \\\" and \\\\ are allowed)",
              escapePosition);
        }
        value.append(escaped);
        advance();
        continue;
      }
      int codePointEnd = text.offsetByCodePoints(index, 1);
      value.append(text, index, codePointEnd);
      advance();
    }
    throw FilterException.at("unterminated string", startPosition);
  }

  /** {@code -?digits(.digits)?([eE][+-]?digits)?}, not directly followed by a word character. */
  private Token number(int start, int startPosition) {
    if (text.charAt(index) == '-') {
      advance();
      if (index >= text.length() || !isDigit(text.charAt(index))) {
        return new Token(Token.Kind.INVALID, "-", "-", startPosition);
      }
    }
    boolean valid = digits();
    if (valid && peek('.')) {
      advance();
      valid = digits();
    }
    if (valid && (peek('e') || peek('E'))) {
      advance();
      if (peek('+') || peek('-')) {
        advance();
      }
      valid = digits();
    }
    if (!valid || (index < text.length() && isNumberTail(text.charAt(index)))) {
      while (index < text.length() && isNumberTail(text.charAt(index))) {
        advance();
      }
      throw FilterException.at(
          "invalid number '" + Token.shorten(text.substring(start, index)) + "'", startPosition);
    }
    String number = text.substring(start, index);
    return new Token(Token.Kind.NUMBER, number, number, startPosition);
  }

  /** Consumes one or more digits; false if there were none. */
  private boolean digits() {
    int start = index;
    while (index < text.length() && isDigit(text.charAt(index))) {
      advance();
    }
    return index > start;
  }

  private boolean peek(char c) {
    return index < text.length() && text.charAt(index) == c;
  }

  /** Moves past one code point, keeping the 1-based code point position in step. */
  private void advance() {
    index = text.offsetByCodePoints(index, 1);
    position++;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static boolean isWordStart(char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_';
  }

  private static boolean isWordPart(char c) {
    return isWordStart(c) || isDigit(c);
  }

  private static boolean isNumberTail(char c) {
    return isWordPart(c) || c == '.' || c == '+' || c == '-';
  }
}
