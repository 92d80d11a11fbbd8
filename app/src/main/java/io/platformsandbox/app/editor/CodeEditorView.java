package io.platformsandbox.app.editor;

import atlantafx.base.theme.Styles;
import io.platformsandbox.app.shell.Icons;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import org.fxmisc.richtext.CodeArea;
import org.kordamp.ikonli.material2.Material2AL;
import org.kordamp.ikonli.material2.Material2MZ;

/** A file in the code editor: highlighted text, a save button, and the syntax problem line. */
public final class CodeEditorView extends BorderPane {
  private final CodeEditorViewModel vm;
  private final CodeArea area;

  public CodeEditorView(CodeEditorViewModel vm) {
    this.vm = vm;
    getStyleClass().add("code-editor");
    area = CodeAreas.create(vm.language(), true);
    setCenter(CodeAreas.scroll(area));
    vm.loadedProperty().addListener((o, a, b) -> {
      if (b) {
        CodeAreas.setText(area, vm.textProperty().get(), vm.language());
        area.textProperty().addListener((oo, aa, text) -> vm.textProperty().set(text));
      }
    });

    Label path = new Label(vm.file().toString());
    path.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_MUTED);
    Label lang = new Label(vm.language().name());
    lang.getStyleClass().addAll(Styles.TEXT_SMALL, "badge");
    Button save = new Button("Save", Icons.of(Material2MZ.SAVE));
    save.getStyleClass().addAll(Styles.SMALL, Styles.FLAT);
    save.disableProperty().bind(vm.dirtyProperty().not());
    save.setOnAction(e -> vm.save());
    Region spacer = new Region();
    HBox.setHgrow(spacer, Priority.ALWAYS);
    HBox top = new HBox(8, path, spacer, lang, save);
    top.setAlignment(Pos.CENTER_LEFT);
    top.getStyleClass().add("view-toolbar");
    setTop(top);

    Label problem = new Label();
    problem.setGraphic(Icons.of(Material2AL.ERROR_OUTLINE));
    problem.getStyleClass().addAll(Styles.DANGER, "problem-line");
    problem.textProperty().bind(vm.problemProperty());
    problem.visibleProperty().bind(vm.problemProperty().isNotEmpty());
    problem.managedProperty().bind(problem.visibleProperty());
    problem.setPadding(new Insets(4, 10, 4, 10));
    problem.setMaxWidth(Double.MAX_VALUE);
    setBottom(problem);
    vm.load();
  }

  public CodeEditorViewModel viewModel() {
    return vm;
  }

  public void save() {
    vm.save();
  }
}
