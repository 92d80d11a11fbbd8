package io.platformsandbox.app.records;

import atlantafx.base.controls.CustomTextField;
import atlantafx.base.controls.ToggleSwitch;
import atlantafx.base.theme.Styles;
import atlantafx.base.theme.Tweaks;
import io.platformsandbox.app.dialogs.FormDialog;
import io.platformsandbox.app.model.FieldInfo;
import io.platformsandbox.app.shell.Icons;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import javafx.beans.binding.Bindings;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.control.cell.TextFieldTableCell;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.material2.Material2AL;
import org.kordamp.ikonli.material2.Material2MZ;

/**
 * The records grid of one collection: filter bar with inline errors, the grid (double-click a cell
 * to edit; Enter saves through the API), paging, and a form for new records.
 */
public final class RecordsView extends BorderPane {
  private final RecordsViewModel vm;
  private final TableView<RecordRow> table = new TableView<>();
  private final CustomTextField filter = new CustomTextField();
  private final Map<String, TableColumn<RecordRow, String>> columns = new HashMap<>();

  public RecordsView(RecordsViewModel vm) {
    this.vm = vm;
    getStyleClass().add("records-view");
    setId("records-" + vm.collection().tenant() + "-" + vm.collection().name());
    setTop(new VBox(toolbar(), filterBar(), filterError()));
    setCenter(buildTable());
    setBottom(footer());
    vm.load();
  }

  public RecordsViewModel viewModel() {
    return vm;
  }

  public TableView<RecordRow> table() {
    return table;
  }

  private HBox toolbar() {
    Label title = new Label(vm.collection().name());
    title.getStyleClass().add(Styles.TITLE_4);
    Label tenant = new Label(vm.collection().tenant());
    tenant.getStyleClass().addAll("badge", Styles.TEXT_SMALL);
    Label fields = new Label(vm.fields().size() + " fields");
    fields.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_MUTED);
    Region spacer = new Region();
    HBox.setHgrow(spacer, Priority.ALWAYS);

    ToggleSwitch pii = new ToggleSwitch("Show PII");
    pii.setId("show-pii");
    pii.selectedProperty().bindBidirectional(vm.showPiiProperty());
    pii.setVisible(vm.hasSensitiveFields());
    pii.setManaged(vm.hasSensitiveFields());
    pii.setTooltip(new Tooltip("Read with pii:read (audited) or as masked values"));

    Button add = new Button("New record", Icons.of(Material2AL.ADD));
    add.setId("new-record");
    add.getStyleClass().add(Styles.ACCENT);
    add.setOnAction(e -> openForm());
    Button delete = new Button("Delete", Icons.of(Material2AL.DELETE_OUTLINE));
    delete.setId("delete-record");
    delete.getStyleClass().add(Styles.FLAT);
    delete.disableProperty().bind(table.getSelectionModel().selectedItemProperty().isNull());
    delete.setOnAction(e -> {
      RecordRow row = table.getSelectionModel().getSelectedItem();
      if (row != null && io.platformsandbox.app.dialogs.Dialogs.confirm(getScene().getWindow(), "Delete record " + row.id() + "?", "The record is deleted from " + vm.collection().name() + ".", "Delete")) {
        vm.delete(row);
      }
    });
    Button reload = new Button(null, Icons.of(Material2MZ.REFRESH));
    reload.getStyleClass().addAll(Styles.BUTTON_ICON, Styles.FLAT);
    reload.setTooltip(new Tooltip("Reload"));
    reload.setOnAction(e -> vm.load());
    HBox bar = new HBox(8, title, tenant, fields, spacer, pii, delete, reload, add);
    bar.setAlignment(Pos.CENTER_LEFT);
    bar.getStyleClass().add("view-toolbar");
    return bar;
  }

  private HBox filterBar() {
    filter.setId("records-filter");
    filter.setPromptText(example());
    filter.setLeft(Icons.of(Material2AL.FILTER_LIST));
    filter.textProperty().bindBidirectional(vm.filterTextProperty());
    filter.setOnAction(e -> vm.applyFilter());
    filter.getStyleClass().add("mono");
    HBox.setHgrow(filter, Priority.ALWAYS);
    vm.filterErrorProperty().addListener((o, a, b) -> {
      filter.pseudoClassStateChanged(Styles.STATE_DANGER, !b.isEmpty());
      int pos = vm.filterErrorPositionProperty().get();
      if (!b.isEmpty() && pos > 0 && filter.isFocused()) {
        filter.positionCaret(Math.min(pos - 1, filter.getLength()));
      }
    });
    Button apply = new Button("Apply");
    apply.setId("apply-filter");
    apply.setOnAction(e -> vm.applyFilter());
    Button clear = new Button(null, Icons.of(Material2AL.CLEAR));
    clear.getStyleClass().addAll(Styles.BUTTON_ICON, Styles.FLAT);
    clear.setTooltip(new Tooltip("Clear the filter"));
    clear.setOnAction(e -> vm.clearFilter());
    HBox box = new HBox(6, filter, apply, clear);
    box.setAlignment(Pos.CENTER_LEFT);
    box.getStyleClass().add("filter-bar");
    return box;
  }

  private String example() {
    FieldInfo f = vm.fields().stream().filter(x -> !x.sensitive()).findFirst().orElse(vm.fields().get(0));
    String value =
        switch (f.type()) {
          case "integer", "number" -> "1";
          case "boolean" -> "true";
          default -> "\"value\"";
        };
    String op = f.type().equals("integer") || f.type().equals("number") ? "ge" : "eq";
    return "Filter, e.g.  " + f.name() + " " + op + " " + value + "   (ops: eq ne gt ge lt le contains; and / or)";
  }

  private Label filterError() {
    Label err = new Label();
    err.setId("filter-error");
    err.setGraphic(Icons.of(Material2AL.ERROR_OUTLINE));
    err.getStyleClass().addAll(Styles.DANGER, "inline-error");
    err.textProperty().bind(vm.filterErrorProperty());
    err.visibleProperty().bind(vm.filterErrorProperty().isNotEmpty());
    err.managedProperty().bind(err.visibleProperty());
    err.setWrapText(true);
    err.setMaxWidth(Double.MAX_VALUE);
    return err;
  }

  private TableView<RecordRow> buildTable() {
    table.setId("records-table");
    table.setItems(vm.rows());
    table.setEditable(true);
    table.getStyleClass().addAll(Styles.STRIPED, Tweaks.EDGE_TO_EDGE, Styles.DENSE);
    table.getSelectionModel().setSelectionMode(SelectionMode.SINGLE);
    table.setColumnResizePolicy(TableView.UNCONSTRAINED_RESIZE_POLICY);
    table.getColumns().add(fixed("id", "id", 150));
    for (FieldInfo f : vm.fields()) {
      TableColumn<RecordRow, String> c = new TableColumn<>(f.name());
      c.setId("col-" + f.name());
      c.setCellValueFactory(d -> Bindings.createStringBinding(() -> d.getValue().text(f.name())));
      c.setCellFactory(TextFieldTableCell.forTableColumn());
      c.setEditable(vm.isEditable(f));
      c.setOnEditCommit(e -> vm.update(e.getRowValue(), f.name(), e.getNewValue()));
      c.setPrefWidth(Math.max(width(f), f.name().length() * 8.5 + (f.sensitive() ? 44 : 28)));
      String tip = f.type() + (f.required() ? ", required" : "") + (f.indexed() ? ", indexed" : "") + (f.sensitive() ? ", " + f.classification().toUpperCase(Locale.ROOT) : "");
      Label header = new Label(f.name(), f.sensitive() ? Icons.of(Material2AL.LOCK, "pii-icon") : null);
      header.setTooltip(new Tooltip(tip));
      header.setContentDisplay(javafx.scene.control.ContentDisplay.RIGHT);
      c.setGraphic(header);
      c.setText(null);
      columns.put(f.name(), c);
      table.getColumns().add(c);
    }
    table.getColumns().add(fixed("version", "version", 70));
    table.getColumns().add(fixed("updated_at", "updated", 200));
    vm.showPiiProperty().addListener((o, a, b) -> vm.fields().forEach(f -> columns.get(f.name()).setEditable(vm.isEditable(f))));
    // Size the columns to their content on the first page that has rows, and again when PII
    // is shown or masked (masked values are three characters).
    boolean[] sizePending = {true};
    vm.showPiiProperty().addListener((o, a, b) -> sizePending[0] = true);
    vm.rows().addListener((javafx.collections.ListChangeListener<RecordRow>) c -> {
      if (sizePending[0] && !vm.rows().isEmpty()) {
        sizePending[0] = false;
        sizeColumnsToContent();
      }
    });
    Label empty = new Label("No records yet. Add one with New record.");
    empty.getStyleClass().add(Styles.TEXT_MUTED);
    vm.appliedFilterProperty().addListener((o, a, b) -> empty.setText(b.isEmpty() ? "No records yet. Add one with New record." : "No record matches the filter."));
    table.setPlaceholder(empty);
    table.setOnKeyPressed(e -> {
      if (e.getCode() == KeyCode.DELETE && table.getSelectionModel().getSelectedItem() != null && table.getEditingCell() == null) {
        lookup("#delete-record").fireEvent(new javafx.event.ActionEvent());
      }
    });
    return table;
  }

  private void sizeColumnsToContent() {
    for (FieldInfo f : vm.fields()) {
      int longest = vm.rows().stream().limit(50).mapToInt(r -> r.text(f.name()).length()).max().orElse(0);
      double header = f.name().length() * 8.5 + (f.sensitive() ? 44 : 28);
      double content = Math.min(longest, 48) * 7.4 + 24;
      columns.get(f.name()).setPrefWidth(Math.max(80, Math.max(header, content)));
    }
  }

  private static double width(FieldInfo f) {
    return switch (f.type()) {
      case "boolean" -> 90;
      case "integer", "number" -> 100;
      case "datetime" -> 190;
      case "json" -> 220;
      default -> 190;
    };
  }

  private TableColumn<RecordRow, String> fixed(String field, String title, double width) {
    TableColumn<RecordRow, String> c = new TableColumn<>(title);
    c.setId("col-" + field);
    c.setCellValueFactory(d -> Bindings.createStringBinding(() -> d.getValue().text(field)));
    c.setEditable(false);
    c.setPrefWidth(width);
    c.getStyleClass().add("meta-column");
    return c;
  }

  private HBox footer() {
    Label summary = new Label();
    summary.setId("records-summary");
    summary.textProperty().bind(vm.summaryProperty());
    summary.getStyleClass().add(Styles.TEXT_MUTED);
    Label message = new Label();
    message.setId("records-message");
    message.textProperty().bind(vm.messageProperty());
    message.graphicProperty().bind(Bindings.when(vm.messageIsErrorProperty()).then((javafx.scene.Node) Icons.of(Material2AL.ERROR_OUTLINE)).otherwise((javafx.scene.Node) null));
    vm.messageIsErrorProperty().addListener((o, a, b) -> message.pseudoClassStateChanged(Styles.STATE_DANGER, b));
    message.getStyleClass().add("records-message");
    Region spacer = new Region();
    HBox.setHgrow(spacer, Priority.ALWAYS);
    Button prev = new Button(null, Icons.of(Material2AL.CHEVRON_LEFT));
    prev.setId("prev-page");
    prev.getStyleClass().addAll(Styles.BUTTON_ICON, Styles.FLAT);
    prev.disableProperty().bind(vm.hasPreviousProperty().not());
    prev.setOnAction(e -> vm.previousPage());
    Label page = new Label();
    page.textProperty().bind(Bindings.concat("Page ", vm.pageProperty()));
    Button next = new Button(null, Icons.of(Material2AL.CHEVRON_RIGHT));
    next.setId("next-page");
    next.getStyleClass().addAll(Styles.BUTTON_ICON, Styles.FLAT);
    next.disableProperty().bind(vm.hasNextProperty().not());
    next.setOnAction(e -> vm.nextPage());
    HBox box = new HBox(12, summary, message, spacer, prev, page, next);
    box.setAlignment(Pos.CENTER_LEFT);
    box.getStyleClass().add("view-footer");
    return box;
  }

  /** The new-record form: one field per schema field; errors appear under each. */
  public FormDialog openForm() {
    FormDialog f = new FormDialog(getScene().getWindow(), "new-record", "New record in " + vm.collection().name(), "Fields are checked by the API against the collection's schema.", "Create record");
    Map<String, TextField> inputs = new HashMap<>();
    for (FieldInfo field : vm.fields()) {
      String label = field.name() + (field.required() ? " *" : "");
      String prompt = field.type() + (field.sensitive() ? " · " + field.classification().toUpperCase(Locale.ROOT) : "");
      inputs.put(field.name(), f.text(field.name(), label, prompt, ""));
    }
    f.onSubmit(d -> {
      Map<String, String> values = new HashMap<>();
      inputs.forEach((k, t) -> values.put(k, t.getText()));
      vm.create(values, d::showErrors, d::showError, d::close);
    });
    f.show();
    return f;
  }
}
