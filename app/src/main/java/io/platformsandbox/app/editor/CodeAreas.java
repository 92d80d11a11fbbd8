package io.platformsandbox.app.editor;

import java.time.Duration;
import java.util.Collection;
import java.util.Collections;
import org.fxmisc.flowless.VirtualizedScrollPane;
import org.fxmisc.richtext.CodeArea;
import org.fxmisc.richtext.LineNumberFactory;
import org.fxmisc.richtext.model.StyleSpans;
import org.fxmisc.richtext.model.StyleSpansBuilder;

/** RichTextFX code areas with the workbench's syntax highlighting. */
public final class CodeAreas {
  private CodeAreas() {}

  /** A code area that re-highlights itself shortly after each change. */
  public static CodeArea create(Language language, boolean lineNumbers) {
    CodeArea area = new CodeArea();
    area.getStyleClass().add("wb-code");
    if (lineNumbers) {
      area.setParagraphGraphicFactory(LineNumberFactory.get(area));
    }
    area.multiPlainChanges()
        .successionEnds(Duration.ofMillis(60))
        .subscribe(ignore -> highlight(area, language));
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
    String text = area.getText();
    if (text.isEmpty()) {
      return;
    }
    StyleSpansBuilder<Collection<String>> b = new StyleSpansBuilder<>();
    for (SyntaxHighlighter.Span s : SyntaxHighlighter.highlight(text, language)) {
      b.add(s.style() == null ? Collections.emptyList() : Collections.singleton(s.style()), s.length());
    }
    StyleSpans<Collection<String>> spans = b.create();
    area.setStyleSpans(0, spans);
  }
}
