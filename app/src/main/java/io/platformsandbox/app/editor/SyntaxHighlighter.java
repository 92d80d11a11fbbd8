package io.platformsandbox.app.editor;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits source text into styled spans for the code editor, by one regular expression per
 * language. Style classes are semantic ({@code key}, {@code string}, {@code number}, {@code
 * keyword}, {@code comment}, {@code literal}, {@code punct}); the stylesheet maps them to theme
 * colours. No JavaFX here, so it is tested on its own.
 */
public final class SyntaxHighlighter {
  /** A run of {@code length} characters with one style class (null: plain). */
  public record Span(String style, int length) {}

  private static final String STRING = "\"(?:[^\"\\\\\\n]|\\\\.)*\"";
  private static final String SQ_STRING = "'(?:[^'\\\\\\n]|\\\\.)*'";
  private static final String NUMBER = "-?\\b\\d+(?:\\.\\d+)?(?:[eE][+-]?\\d+)?\\b";

  private static final Pattern JSON =
      Pattern.compile(
          "(?<KEY>" + STRING + ")(?=\\s*:)|(?<STRING>" + STRING + ")|(?<NUMBER>" + NUMBER + ")"
              + "|(?<LITERAL>\\b(?:true|false|null)\\b)|(?<PUNCT>[{}\\[\\],:])");

  private static final Pattern YAML =
      Pattern.compile(
          "(?<COMMENT>(?<=^|\\s)#[^\\n]*)|(?<KEY>(?<=^|\\n)[ \\t]*(?:- )?[A-Za-z0-9_.$/-]+(?=:(?:\\s|$)))"
              + "|(?<STRING>" + STRING + "|" + SQ_STRING + ")|(?<NUMBER>(?<=[:\\-\\[,]\\s?)" + NUMBER + ")"
              + "|(?<LITERAL>\\b(?:true|false|null|yes|no|on|off)\\b)|(?<PUNCT>[\\[\\]{},]|^---)",
          Pattern.MULTILINE);

  private static final String JAVA_KW =
      "abstract|assert|boolean|break|byte|case|catch|char|class|const|continue|default|do|double|else|enum|extends|final|finally|float|for|goto|if|implements|import|instanceof|int|interface|long|native|new|package|private|protected|public|record|return|short|static|strictfp|super|switch|synchronized|this|throw|throws|transient|try|var|void|volatile|while|yield";
  private static final String JS_KW =
      "async|await|break|case|catch|class|const|continue|debugger|default|delete|do|else|export|extends|finally|for|from|function|if|import|in|instanceof|let|new|of|return|static|super|switch|this|throw|try|typeof|var|void|while|with|yield";
  private static final String PY_KW =
      "and|as|assert|async|await|break|class|continue|def|del|elif|else|except|finally|for|from|global|if|import|in|is|lambda|nonlocal|not|or|pass|raise|return|try|while|with|yield";

  private static Pattern cLike(String keywords, String literals) {
    return Pattern.compile(
        "(?<COMMENT>//[^\\n]*|/\\*(?:.|\\R)*?\\*/)|(?<STRING>" + STRING + "|" + SQ_STRING + "|`(?:[^`\\\\]|\\\\.)*`)"
            + "|(?<KEYWORD>\\b(?:" + keywords + ")\\b)|(?<LITERAL>\\b(?:" + literals + ")\\b|@\\w+)"
            + "|(?<NUMBER>" + NUMBER + ")|(?<PUNCT>[{}()\\[\\];])");
  }

  private static final Pattern JAVA = cLike(JAVA_KW, "true|false|null");
  private static final Pattern JAVASCRIPT = cLike(JS_KW, "true|false|null|undefined");
  private static final Pattern PYTHON =
      Pattern.compile(
          "(?<COMMENT>#[^\\n]*)|(?<STRING>\"\"\"(?:.|\\R)*?\"\"\"|'''(?:.|\\R)*?'''|" + STRING + "|" + SQ_STRING + ")"
              + "|(?<KEYWORD>\\b(?:" + PY_KW + ")\\b)|(?<LITERAL>\\b(?:True|False|None)\\b|@\\w+)"
              + "|(?<NUMBER>" + NUMBER + ")|(?<PUNCT>[{}()\\[\\]:])");

  private static final String[] GROUPS = {"COMMENT", "KEY", "STRING", "KEYWORD", "LITERAL", "NUMBER", "PUNCT"};

  private SyntaxHighlighter() {}

  public static List<Span> highlight(String text, Language language) {
    Pattern p =
        switch (language) {
          case JSON -> JSON;
          case YAML -> YAML;
          case JAVA -> JAVA;
          case JAVASCRIPT -> JAVASCRIPT;
          case PYTHON -> PYTHON;
          case PLAIN -> null;
        };
    List<Span> spans = new ArrayList<>();
    if (p == null || text.isEmpty()) {
      spans.add(new Span(null, text.length()));
      return spans;
    }
    Matcher m = p.matcher(text);
    int last = 0;
    while (m.find()) {
      String style = null;
      for (String g : GROUPS) {
        if (p.pattern().contains("?<" + g + ">") && m.group(g) != null) {
          style = g.toLowerCase(java.util.Locale.ROOT);
          break;
        }
      }
      if (m.start() > last) {
        spans.add(new Span(null, m.start() - last));
      }
      spans.add(new Span(style, m.end() - m.start()));
      last = m.end();
    }
    spans.add(new Span(null, text.length() - last));
    return spans;
  }
}
