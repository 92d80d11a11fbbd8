package io.platformsandbox.app.editor;

import atlantafx.base.theme.Styles;
import io.platformsandbox.app.core.FileProblem;
import io.platformsandbox.app.shell.Icons;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.IntFunction;
import java.util.stream.Collectors;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.util.Duration;
import org.fxmisc.richtext.CodeArea;
import org.fxmisc.richtext.event.MouseOverTextEvent;
import org.fxmisc.richtext.model.TwoDimensional;
import org.kordamp.ikonli.material2.Material2AL;
import org.kordamp.ikonli.material2.Material2MZ;
import org.reactfx.collection.LiveList;
import org.reactfx.value.Val;

/**
 * A file in the code editor: highlighted text with its problems underlined and marked in the
 * gutter (the message on hover), a save button, and the problem of the caret's line at the bottom.
 */
public final class CodeEditorView extends BorderPane {
  private final CodeEditorViewModel vm;
  private final CodeArea area;
  /** The lines (1-based) with a problem, as last shown. */
  private Set<Integer> marked = Set.of();
  private final Tooltip hover = new Tooltip();

  public CodeEditorView(CodeEditorViewModel vm) {
    this.vm = vm;
    getStyleClass().add("code-editor");
    area = CodeAreas.create(vm.language(), () -> marked);
    area.setId("code-area");
    area.setParagraphGraphicFactory(gutter());
    setCenter(CodeAreas.scroll(area));
    vm.loadedProperty().addListener((o, a, b) -> {
      if (b) {
        CodeAreas.setText(area, vm.textProperty().get(), vm.language());
        area.textProperty().addListener((oo, aa, text) -> vm.textProperty().set(text));
        showProblems();
      }
    });
    vm.problems().addListener((ListChangeListener<FileProblem>) c -> showProblems());
    area.currentParagraphProperty().addListener((o, a, b) -> vm.caretLineProperty().set(b + 1));
    hoverMessages();

    Label path = new Label(vm.file().toString());
    path.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_MUTED);
    path.setMinWidth(0);
    Label lang = new Label(vm.isManifest() ? "plugin manifest" : vm.language().name());
    lang.getStyleClass().addAll(Styles.TEXT_SMALL, "badge");
    lang.setMinWidth(Region.USE_PREF_SIZE);
    if (vm.isManifest()) {
      lang.setTooltip(new Tooltip("Checked as you type against the plugin schema and the rules M01–M04"));
    }
    Button save = new Button("Save", Icons.of(Material2MZ.SAVE));
    save.getStyleClass().addAll(Styles.SMALL, Styles.FLAT);
    save.setMinWidth(Region.USE_PREF_SIZE);
    save.disableProperty().bind(vm.dirtyProperty().not());
    save.setOnAction(e -> vm.save());
    Region spacer = new Region();
    HBox.setHgrow(spacer, Priority.ALWAYS);
    HBox top = new HBox(8, path, spacer, lang, save);
    top.setAlignment(Pos.CENTER_LEFT);
    top.getStyleClass().add("view-toolbar");
    setTop(top);

    Label problem = new Label();
    problem.setId("editor-problem");
    problem.setGraphic(Icons.of(Material2AL.ERROR_OUTLINE));
    problem.getStyleClass().addAll(Styles.DANGER, "problem-line");
    problem.textProperty().bind(vm.problemBinding());
    Tooltip whole = new Tooltip();
    whole.textProperty().bind(vm.problemBinding());
    whole.setWrapText(true);
    whole.setMaxWidth(640);
    problem.setTooltip(whole);
    problem.visibleProperty().bind(vm.problemBinding().isNotEmpty());
    problem.managedProperty().bind(problem.visibleProperty());
    problem.setPadding(new Insets(4, 10, 4, 10));
    problem.setMaxWidth(Double.MAX_VALUE);
    problem.setOnMouseClicked(e -> {
      List<FileProblem> here = vm.problemsAt(vm.caretLineProperty().get());
      FileProblem p = here.isEmpty() && !vm.problems().isEmpty() ? vm.problems().get(0) : here.isEmpty() ? null : here.get(0);
      if (p != null && p.line() > 0) {
        goToLine(p.line());
      }
    });
    setBottom(problem);
    vm.load();
  }

  public CodeEditorViewModel viewModel() {
    return vm;
  }

  public CodeArea area() {
    return area;
  }

  public void save() {
    vm.save();
  }

  /** Moves the caret to the first character of {@code line} (1-based) and shows it. */
  public void goToLine(int line) {
    int paragraphs = area.getParagraphs().size();
    if (line < 1 || paragraphs == 0) {
      return;
    }
    int index = Math.min(line, paragraphs) - 1;
    String text = area.getParagraph(index).getText();
    int column = 0;
    while (column < text.length() && Character.isWhitespace(text.charAt(column))) {
      column++;
    }
    area.moveTo(index, column);
    area.showParagraphInViewport(index);
    area.requestFollowCaret();
    area.requestFocus();
  }

  private void showProblems() {
    Set<Integer> next = vm.problems().stream().map(FileProblem::line).filter(l -> l > 0).collect(Collectors.toSet());
    Set<Integer> changed = new HashSet<>(marked);
    changed.addAll(next);
    changed.removeIf(l -> marked.contains(l) && next.contains(l));
    marked = Set.copyOf(next);
    CodeAreas.highlight(area, vm.language(), marked);
    for (int line : changed) {
      if (line - 1 < area.getParagraphs().size()) {
        area.recreateParagraphGraphic(line - 1);
      }
    }
  }

  /** Line numbers with a marker column: an error icon, with the message as its tooltip, on problem lines. */
  private IntFunction<Node> gutter() {
    Val<Integer> count = LiveList.sizeOf(area.getParagraphs());
    return index -> {
      Label number = new Label();
      number.getStyleClass().add("gutter-number");
      number.textProperty().bind(count.map(n -> pad(index + 1, n)).conditionOnShowing(number));
      StackPane mark = new StackPane();
      mark.getStyleClass().add("gutter-mark");
      List<FileProblem> here = vm.problemsAt(index + 1);
      if (!here.isEmpty()) {
        Node icon = Icons.of(Material2AL.ERROR, "problem-icon");
        mark.getChildren().add(icon);
        Tooltip tip = new Tooltip(here.stream().map(FileProblem::text).collect(Collectors.joining("\n")));
        tip.setShowDelay(Duration.millis(200));
        tip.setWrapText(true);
        tip.setMaxWidth(560);
        Tooltip.install(mark, tip);
      }
      HBox box = new HBox(number, mark);
      box.setAlignment(Pos.CENTER_LEFT);
      box.getStyleClass().addAll("lineno", "gutter");
      return box;
    };
  }

  private static String pad(int line, int lines) {
    int digits = Math.max(2, String.valueOf(Math.max(lines, 1)).length());
    return String.format(Locale.ROOT, "%" + digits + "d", line);
  }

  /** The message of a problem line's text as a tooltip under the mouse. */
  private void hoverMessages() {
    hover.setWrapText(true);
    hover.setMaxWidth(560);
    area.setMouseOverTextDelay(java.time.Duration.ofMillis(350));
    area.addEventHandler(MouseOverTextEvent.MOUSE_OVER_TEXT_BEGIN, e -> {
      int paragraph = area.offsetToPosition(e.getCharacterIndex(), TwoDimensional.Bias.Forward).getMajor();
      List<FileProblem> here = vm.problemsAt(paragraph + 1);
      if (!here.isEmpty()) {
        hover.setText(here.stream().map(FileProblem::text).collect(Collectors.joining("\n")));
        hover.show(area, e.getScreenPosition().getX(), e.getScreenPosition().getY() + 14);
      }
    });
    area.addEventHandler(MouseOverTextEvent.MOUSE_OVER_TEXT_END, e -> hover.hide());
  }
}
