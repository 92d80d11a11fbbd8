package io.platformsandbox.app.editor;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.fxmisc.flowless.VirtualizedScrollPane;
import org.fxmisc.richtext.CodeArea;
import org.fxmisc.richtext.LineNumberFactory;
import org.fxmisc.richtext.model.StyleSpans;
import org.fxmisc.richtext.model.StyleSpansBuilder;

/** RichTextFX code areas with the workbench's syntax highlighting and problem underlines. */
public final class CodeAreas {
  /** The style class of text on a line with a problem (a wavy underline in the theme's danger colour). */
  public static final String PROBLEM = "problem";

  private CodeAreas() {}

  /** A code area that re-highlights itself shortly after each change. */
  public static CodeArea create(Language language, boolean lineNumbers) {
    CodeArea area = create(language, Set::of);
    if (lineNumbers) {
      area.setParagraphGraphicFactory(LineNumberFactory.get(area));
    }
    return area;
  }

  /**
   * A code area that re-highlights itself shortly after each change, underlining the lines that
   * {@code problemLines} (1-based) gives at that moment.
   */
  public static CodeArea create(Language language, Supplier<Set<Integer>> problemLines) {
    CodeArea area = new CodeArea();
    area.getStyleClass().add("wb-code");
    area.multiPlainChanges()
        .successionEnds(Duration.ofMillis(60))
        .subscribe(ignore -> highlight(area, language, problemLines.get()));
    return area;
  }

  public static VirtualizedScrollPane<CodeArea> scroll(CodeArea area) {
    VirtualizedScrollPane<CodeArea> pane = new VirtualizedScrollPane<>(area);
    pane.getStyleClass().add("wb-code-scroll");
    return pane;
  }

  /** Replaces the text and highlights it at once (no wait for the debounce). */
  public static void setText(CodeArea area, String text, Language language) {
    area.replaceText(text == null ? "" : text);
    highlight(area, language);
    area.moveTo(0);
    area.requestFollowCaret();
  }

  public static void highlight(CodeArea area, Language language) {
    highlight(area, language, Set.of());
  }

  /** Highlights the syntax and underlines the text of {@code problemLines} (1-based). */
  public static void highlight(CodeArea area, Language language, Set<Integer> problemLines) {
    String text = area.getText();
    if (text.isEmpty()) {
      return;
    }
    StyleSpansBuilder<Collection<String>> b = new StyleSpansBuilder<>();
    for (SyntaxHighlighter.Span s : SyntaxHighlighter.highlight(text, language)) {
      b.add(s.style() == null ? Collections.emptyList() : Collections.singleton(s.style()), s.length());
    }
    StyleSpans<Collection<String>> spans = b.create();
    List<int[]> ranges = problemRanges(text, problemLines);
    if (!ranges.isEmpty()) {
      StyleSpansBuilder<Collection<String>> marks = new StyleSpansBuilder<>();
      int pos = 0;
      for (int[] r : ranges) {
        marks.add(Collections.emptyList(), r[0] - pos);
        marks.add(Collections.singleton(PROBLEM), r[1] - r[0]);
        pos = r[1];
      }
      marks.add(Collections.emptyList(), text.length() - pos);
      spans = spans.overlay(marks.create(), (style, mark) -> {
        if (mark.isEmpty()) {
          return style;
        }
        List<String> both = new ArrayList<>(style);
        both.addAll(mark);
        return both;
      });
    }
    area.setStyleSpans(0, spans);
  }

  /**
   * The character ranges {@code [start, end)} to underline: each problem line from its first
   * non-blank character to its end. Lines that are blank or past the end have none.
   */
  static List<int[]> problemRanges(String text, Set<Integer> problemLines) {
    List<int[]> out = new ArrayList<>();
    if (problemLines.isEmpty()) {
      return out;
    }
    TreeSet<Integer> wanted = new TreeSet<>(problemLines);
    int line = 1;
    int start = 0;
    while (start <= text.length() && !wanted.isEmpty()) {
      int end = text.indexOf('\n', start);
      if (end < 0) {
        end = text.length();
      }
      if (wanted.remove(line)) {
        int first = start;
        while (first < end && Character.isWhitespace(text.charAt(first))) {
          first++;
        }
        if (first < end) {
          out.add(new int[] {first, end});
        }
      }
      line++;
      start = end + 1;
    }
    return out;
  }
}
