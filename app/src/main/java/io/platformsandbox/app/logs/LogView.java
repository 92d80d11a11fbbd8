package io.platformsandbox.app.logs;

import atlantafx.base.controls.CustomTextField;
import atlantafx.base.theme.Styles;
import io.platformsandbox.app.shell.Icons;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import org.kordamp.ikonli.material2.Material2AL;
import org.kordamp.ikonli.material2.Material2MZ;

/** The Log dock tab: the engine's and the workbench's log, following new lines. */
public final class LogView extends BorderPane {
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS").withZone(ZoneId.systemDefault());

  public LogView(LogViewModel vm) {
    setId("log-view");
    ListView<LogLine> list = new ListView<>(vm.shown());
    list.setId("log-list");
    list.getStyleClass().addAll(Styles.DENSE, "log-list", "mono");
    list.setCellFactory(l -> new ListCell<>() {
      @Override
      protected void updateItem(LogLine line, boolean empty) {
        super.updateItem(line, empty);
        getStyleClass().removeIf(s -> s.startsWith("level-"));
        if (empty || line == null) {
          setText(null);
        } else {
          setText(TIME.format(line.time()) + "  " + String.format("%-5s", line.level()) + "  " + line.logger() + "  " + line.message());
          getStyleClass().add("level-" + line.level().toLowerCase(java.util.Locale.ROOT));
        }
      }
    });
    Label empty = new Label("The sandbox's log shows here.");
    empty.getStyleClass().add(Styles.TEXT_MUTED);
    list.setPlaceholder(empty);
    vm.shown().addListener((ListChangeListener<LogLine>) c -> {
      if (vm.followProperty().get() && !vm.shown().isEmpty()) {
        list.scrollTo(vm.shown().size() - 1);
      }
    });
    CustomTextField filter = new CustomTextField();
    filter.setPromptText("Filter the log");
    filter.setLeft(Icons.of(Material2MZ.SEARCH));
    filter.textProperty().bindBidirectional(vm.filterProperty());
    filter.setPrefWidth(260);
    filter.getStyleClass().add(Styles.SMALL);
    CheckBox problems = new CheckBox("Warnings and errors only");
    problems.selectedProperty().bindBidirectional(vm.problemsOnlyProperty());
    CheckBox follow = new CheckBox("Follow");
    follow.selectedProperty().bindBidirectional(vm.followProperty());
    Region spacer = new Region();
    HBox.setHgrow(spacer, Priority.ALWAYS);
    Button clear = new Button(null, Icons.of(Material2AL.DELETE_SWEEP));
    clear.getStyleClass().addAll(Styles.BUTTON_ICON, Styles.FLAT, Styles.SMALL);
    clear.setTooltip(new Tooltip("Clear the log view"));
    clear.setOnAction(e -> vm.clear());
    HBox bar = new HBox(10, filter, problems, follow, spacer, clear);
    bar.setAlignment(Pos.CENTER_LEFT);
    bar.getStyleClass().add("dock-toolbar");
    setTop(bar);
    setCenter(list);
  }
}
