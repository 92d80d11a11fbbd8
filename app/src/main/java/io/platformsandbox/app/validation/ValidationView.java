package io.platformsandbox.app.validation;

import atlantafx.base.theme.Styles;
import atlantafx.base.theme.Tweaks;
import io.platformsandbox.app.shell.Icons;
import io.platformsandbox.engine.plugins.validation.CheckResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TextArea;
import javafx.scene.control.Tooltip;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeTableCell;
import javafx.scene.control.TreeTableColumn;
import javafx.scene.control.TreeTableRow;
import javafx.scene.control.TreeTableView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.material2.Material2AL;
import org.kordamp.ikonli.material2.Material2MZ;

/**
 * The validation report tab: the verdict, progress while it runs, and the checks as a tree (status,
 * id, title, reason, time) with each check's evidence lines under it; the selected line in full
 * below.
 */
public final class ValidationView extends BorderPane {
  /** A line of the tree: a check, or one line of its evidence. */
  record Line(CheckRow check, String evidence) {
    boolean isEvidence() {
      return evidence != null;
    }
  }

  private final ValidationViewModel vm;
  private final TreeTableView<Line> tree = new TreeTableView<>();
  private final Map<String, Boolean> expanded = new HashMap<>();

  /** @param opener opens a file URL (report.html) in the desktop's browser */
  public ValidationView(ValidationViewModel vm, Consumer<Path> opener) {
    this.vm = vm;
    setId("validation-report");
    getStyleClass().add("validation-report");

    Label verdict = new Label();
    verdict.setId("validation-verdict");
    verdict.getStyleClass().add("verdict");
    verdict.textProperty().bind(Bindings.createStringBinding(() -> vm.state().label(), vm.stateProperty()));
    vm.stateProperty().addListener((o, a, b) -> verdictLook(verdict, b));
    verdictLook(verdict, vm.state());
    Label title = new Label();
    title.getStyleClass().add("validation-title");
    title.textProperty().bind(Bindings.createStringBinding(
        () -> vm.pluginProperty().get().label() + (vm.pluginProperty().get().isValid() ? " " + vm.pluginProperty().get().version() : ""),
        vm.pluginProperty()));
    Label summary = new Label();
    summary.setId("validation-summary");
    summary.getStyleClass().add(Styles.TEXT_MUTED);
    summary.textProperty().bind(vm.summaryProperty());
    summary.setMinWidth(0);
    ProgressBar progress = new ProgressBar();
    progress.setId("validation-progress");
    progress.setPrefWidth(160);
    progress.progressProperty().bind(Bindings.createDoubleBinding(
        () -> vm.decidedProperty().get() == 0 ? -1.0 : vm.decidedProperty().get() / (double) vm.total(), vm.decidedProperty()));
    progress.visibleProperty().bind(vm.runningBinding());
    progress.managedProperty().bind(progress.visibleProperty());

    Button cancel = new Button("Cancel", Icons.of(Material2AL.CLOSE));
    cancel.setId("validation-cancel");
    cancel.getStyleClass().add(Styles.SMALL);
    cancel.visibleProperty().bind(vm.runningBinding());
    cancel.managedProperty().bind(cancel.visibleProperty());
    cancel.setOnAction(e -> vm.cancel());
    Button again = new Button("Validate again", Icons.of(Material2MZ.REPLAY));
    again.setId("validation-rerun");
    again.getStyleClass().add(Styles.SMALL);
    again.visibleProperty().bind(vm.runningBinding().not());
    again.managedProperty().bind(again.visibleProperty());
    again.setOnAction(e -> vm.start());
    Button open = new Button("Open report.html", Icons.of(Material2MZ.OPEN_IN_BROWSER));
    open.setId("validation-open-html");
    open.getStyleClass().add(Styles.SMALL);
    open.disableProperty().bind(Bindings.createBooleanBinding(
        () -> vm.reportFolderProperty().get() == null || !Files.isRegularFile(vm.reportFolderProperty().get().resolve("report.html")),
        vm.reportFolderProperty()));
    open.setOnAction(e -> opener.accept(vm.reportFolderProperty().get().resolve("report.html")));

    Label folder = new Label();
    folder.setId("validation-folder");
    folder.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_MUTED);
    folder.setGraphic(Icons.of(Material2AL.FOLDER_OPEN));
    folder.textProperty().bind(Bindings.createStringBinding(
        () -> vm.reportFolderProperty().get() == null ? "Report folder: written when the validation ends (" + ValidationViewModel.reportDir(vm.pluginProperty().get().dir()) + ")"
            : "Report: " + vm.reportFolderProperty().get() + "  (report.json, report.html, junit.xml)",
        vm.reportFolderProperty(), vm.pluginProperty()));
    folder.setMinWidth(0);

    Region spacer = new Region();
    HBox.setHgrow(spacer, Priority.ALWAYS);
    HBox head = new HBox(10, verdict, title, spacer, progress, cancel, again, open);
    head.setAlignment(Pos.CENTER_LEFT);
    VBox top = new VBox(6, head, summary, folder);
    top.getStyleClass().add("view-toolbar");
    setTop(top);

    buildTree();
    TextArea detail = new TextArea();
    detail.setId("validation-detail");
    detail.setEditable(false);
    detail.setWrapText(true);
    detail.getStyleClass().add("mono");
    detail.setPromptText("Select a check to read its reason and evidence in full.");
    tree.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> detail.setText(b == null ? "" : detailText(b.getValue())));
    SplitPane split = new SplitPane(tree, detail);
    split.setOrientation(Orientation.VERTICAL);
    split.setDividerPositions(0.8);
    SplitPane.setResizableWithParent(detail, false);
    setCenter(split);
  }

  private void buildTree() {
    tree.setId("validation-checks");
    tree.getStyleClass().addAll(Tweaks.EDGE_TO_EDGE, Styles.DENSE, "validation-checks");
    tree.setShowRoot(false);
    tree.setRoot(new TreeItem<>());
    TreeTableColumn<Line, Line> id = new TreeTableColumn<>("Check");
    id.setCellValueFactory(d -> Bindings.createObjectBinding(() -> d.getValue().getValue()));
    id.setCellFactory(c -> new TreeTableCell<>() {
      @Override
      protected void updateItem(Line line, boolean empty) {
        super.updateItem(line, empty);
        getStyleClass().removeIf(s -> s.startsWith("status-"));
        if (empty || line == null || line.isEvidence()) {
          setText(null);
          setGraphic(null);
          return;
        }
        CheckResult.Status s = line.check().status();
        setText(line.check().id());
        setGraphic(Icons.of(icon(s), "status-icon"));
        getStyleClass().add("status-" + statusName(s));
      }
    });
    id.setPrefWidth(96);
    id.setMinWidth(90);
    id.setMaxWidth(110);
    TreeTableColumn<Line, Line> rule = new TreeTableColumn<>("Rule · reason / evidence");
    rule.setCellValueFactory(d -> Bindings.createObjectBinding(() -> d.getValue().getValue()));
    rule.setCellFactory(c -> new RuleCell());
    rule.setPrefWidth(700);
    TreeTableColumn<Line, String> time = text("Time", l -> l.isEvidence() ? "" : l.check().time());
    time.setPrefWidth(80);
    time.setMinWidth(80);
    time.setMaxWidth(80);
    time.getStyleClass().add("align-right");
    tree.getColumns().setAll(java.util.List.of(id, rule, time));
    tree.setColumnResizePolicy(TreeTableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
    tree.setTreeColumn(id);
    tree.setRowFactory(t -> new TreeTableRow<>() {
      @Override
      protected void updateItem(Line line, boolean empty) {
        super.updateItem(line, empty);
        getStyleClass().remove("evidence-row");
        if (!empty && line != null && line.isEvidence()) {
          getStyleClass().add("evidence-row");
        }
      }
    });
    Label empty = new Label("No checks.");
    empty.getStyleClass().add(Styles.TEXT_MUTED);
    tree.setPlaceholder(empty);
    vm.rows().addListener((ListChangeListener<CheckRow>) c -> rebuild());
    rebuild();
  }

  /** A check as two lines (its rule's title, then the reason of its verdict); an evidence line as one. */
  private static final class RuleCell extends TreeTableCell<Line, Line> {
    private final Label title = new Label();
    private final Label reason = new Label();
    private final VBox box = new VBox(1, title, reason);

    RuleCell() {
      title.getStyleClass().add("rule-title");
      reason.getStyleClass().add("rule-reason");
      box.setMinWidth(0);
      box.getStyleClass().add("rule-box");
    }

    @Override
    protected void updateItem(Line line, boolean empty) {
      super.updateItem(line, empty);
      reason.getStyleClass().removeIf(s -> s.startsWith("status-"));
      if (empty || line == null) {
        setText(null);
        setGraphic(null);
        setTooltip(null);
        return;
      }
      if (line.isEvidence()) {
        setGraphic(null);
        setText(line.evidence());
        setTooltip(line.evidence().length() < 60 ? null : new Tooltip(line.evidence()));
        return;
      }
      CheckRow c = line.check();
      title.setText(c.title());
      reason.setText(c.status() == null ? "not decided yet" : c.reason());
      reason.getStyleClass().add("status-" + statusName(c.status()));
      setText(null);
      setGraphic(box);
      setTooltip(c.reason().length() < 60 ? null : new Tooltip(c.reason()));
    }
  }

  private static TreeTableColumn<Line, String> text(String name, java.util.function.Function<Line, String> f) {
    TreeTableColumn<Line, String> col = new TreeTableColumn<>(name);
    col.setCellValueFactory(d -> Bindings.createStringBinding(() -> d.getValue().getValue() == null ? "" : f.apply(d.getValue().getValue())));
    col.setCellFactory(c -> new TreeTableCell<>() {
      @Override
      protected void updateItem(String s, boolean empty) {
        super.updateItem(s, empty);
        setText(empty ? null : s);
        setTooltip(empty || s == null || s.length() < 60 ? null : new Tooltip(s));
      }
    });
    return col;
  }

  /** Rebuilds the tree from the rows; fails and warnings open, unless the user closed them. */
  private void rebuild() {
    TreeItem<Line> selected = tree.getSelectionModel().getSelectedItem();
    String selectedId = selected == null || selected.getValue() == null ? null : selected.getValue().check().id();
    var items = vm.rows().stream().map(row -> {
      TreeItem<Line> item = new TreeItem<>(new Line(row, null));
      row.evidence().forEach(e -> item.getChildren().add(new TreeItem<>(new Line(row, e))));
      boolean attention = row.status() == CheckResult.Status.FAIL || row.status() == CheckResult.Status.WARN;
      Boolean chosen = expanded.get(row.id());
      item.setExpanded(chosen != null ? chosen : attention);
      item.expandedProperty().addListener((o, a, b) -> expanded.put(row.id(), b));
      return item;
    }).toList();
    tree.getRoot().getChildren().setAll(items);
    if (selectedId != null) {
      items.stream().filter(i -> i.getValue().check().id().equals(selectedId)).findFirst().ifPresent(i -> tree.getSelectionModel().select(i));
    }
  }

  private static String detailText(Line line) {
    if (line == null) {
      return "";
    }
    CheckRow c = line.check();
    StringBuilder b = new StringBuilder();
    b.append(c.id()).append("  ").append(c.title()).append('\n');
    b.append(c.status() == null ? "not decided yet" : c.status().name() + (c.time().isEmpty() ? "" : " in " + c.time())).append('\n');
    if (!c.reason().isEmpty()) {
      b.append('\n').append(c.reason()).append('\n');
    }
    if (!c.evidence().isEmpty()) {
      b.append("\nEvidence:\n");
      c.evidence().forEach(e -> b.append("  ").append(e).append('\n'));
    }
    return b.toString();
  }

  static String statusName(CheckResult.Status s) {
    return s == null ? "pending" : s.name().toLowerCase(Locale.ROOT);
  }

  static Ikon icon(CheckResult.Status s) {
    if (s == null) {
      return Material2MZ.SCHEDULE;
    }
    return switch (s) {
      case PASS -> Material2AL.CHECK_CIRCLE;
      case FAIL -> Material2AL.CANCEL;
      case WARN -> Material2MZ.WARNING;
      case SKIP -> Material2MZ.REMOVE_CIRCLE_OUTLINE;
    };
  }

  private static void verdictLook(Label verdict, ValidationViewModel.State s) {
    verdict.getStyleClass().removeIf(c -> c.startsWith("verdict-"));
    verdict.getStyleClass().add("verdict-" + s.name().toLowerCase(Locale.ROOT));
  }
}
