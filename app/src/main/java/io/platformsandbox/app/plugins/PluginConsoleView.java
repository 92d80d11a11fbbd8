package io.platformsandbox.app.plugins;

import atlantafx.base.theme.Styles;
import io.platformsandbox.app.shell.Icons;
import io.platformsandbox.engine.plugins.runtime.PluginLog;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import javafx.beans.binding.Bindings;
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
import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.material2.Material2AL;
import org.kordamp.ikonli.material2.Material2MZ;

/** A plugin console in the bottom dock: state, Stop / Run again, and the output as it comes. */
public final class PluginConsoleView extends BorderPane {
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS").withZone(ZoneId.systemDefault());

  public PluginConsoleView(PluginConsoleViewModel vm, PluginsViewModel plugins) {
    setId("plugin-console-" + vm.label().replaceAll("[^A-Za-z0-9_-]", "_"));
    getStyleClass().add("plugin-console");
    ListView<PluginLog.Line> list = new ListView<>(vm.lines());
    list.setId("plugin-console-list");
    list.getStyleClass().addAll(Styles.DENSE, "log-list", "plugin-lines", "mono");
    list.setCellFactory(l -> new ListCell<>() {
      @Override
      protected void updateItem(PluginLog.Line line, boolean empty) {
        super.updateItem(line, empty);
        getStyleClass().removeIf(s -> s.startsWith("stream-"));
        if (empty || line == null) {
          setText(null);
        } else {
          boolean ours = PluginConsoleViewModel.WORKBENCH_STREAM.equals(line.stream());
          setText(TIME.format(line.at()) + "  " + (ours ? "▸ " : "") + line.text());
          getStyleClass().add("stream-" + line.stream().toLowerCase(Locale.ROOT));
        }
      }
    });
    Label empty = new Label("The plugin's output shows here.");
    empty.getStyleClass().add(Styles.TEXT_MUTED);
    list.setPlaceholder(empty);
    vm.lines().addListener((ListChangeListener<PluginLog.Line>) c -> {
      if (vm.followProperty().get() && !vm.lines().isEmpty()) {
        list.scrollTo(vm.lines().size() - 1);
      }
    });

    Label state = new Label();
    state.setId("plugin-console-state");
    state.getStyleClass().add("plugin-state");
    state.textProperty().bind(vm.statusTextProperty());
    vm.stateProperty().addListener((o, a, b) -> stateLook(state, b));
    stateLook(state, vm.state());
    Label name = new Label();
    name.textProperty().bind(vm.labelProperty());
    name.getStyleClass().add("plugin-name");

    CheckBox follow = new CheckBox("Follow");
    follow.selectedProperty().bindBidirectional(vm.followProperty());
    Button stop = new Button("Stop", Icons.of(Material2MZ.STOP));
    stop.setId("plugin-console-stop");
    stop.getStyleClass().addAll(Styles.SMALL, "stop-plugin");
    stop.disableProperty().bind(vm.runningBinding().not());
    stop.setOnAction(e -> plugins.stop(vm));
    Button again = new Button("Run again", Icons.of(Material2MZ.REPLAY));
    again.setId("plugin-console-rerun");
    again.getStyleClass().add(Styles.SMALL);
    again.disableProperty().bind(vm.activeBinding());
    again.setOnAction(e -> plugins.rerun(vm));
    Button clear = new Button(null, Icons.of(Material2AL.DELETE_SWEEP));
    clear.getStyleClass().addAll(Styles.BUTTON_ICON, Styles.FLAT, Styles.SMALL);
    clear.setTooltip(new Tooltip("Clear the console"));
    clear.setOnAction(e -> vm.clear());
    Label count = new Label();
    count.getStyleClass().addAll(Styles.TEXT_MUTED, Styles.TEXT_SMALL);
    count.textProperty().bind(Bindings.createStringBinding(() -> vm.lines().size() + " lines", vm.lines()));

    Region spacer = new Region();
    HBox.setHgrow(spacer, Priority.ALWAYS);
    HBox bar = new HBox(10, name, state, spacer, count, follow, again, stop, clear);
    bar.setAlignment(Pos.CENTER_LEFT);
    bar.getStyleClass().add("dock-toolbar");
    setTop(bar);
    setCenter(list);
  }

  /** The state's icon and colour class, shared with the dock tab. */
  public static Ikon icon(PluginState s) {
    return switch (s) {
      case STARTING, STOPPING -> Material2AL.HOURGLASS_TOP;
      case RUNNING -> Material2MZ.PLAY_CIRCLE_OUTLINE;
      case STOPPED -> Material2MZ.STOP_CIRCLE;
      case EXITED, FAILED -> Material2AL.ERROR_OUTLINE;
    };
  }

  public static String styleClass(PluginState s) {
    return "plugin-" + s.name().toLowerCase(Locale.ROOT);
  }

  private static void stateLook(Label label, PluginState s) {
    label.getStyleClass().removeIf(c -> c.startsWith("plugin-") && !c.equals("plugin-state"));
    label.getStyleClass().add(styleClass(s));
    label.setGraphic(Icons.of(icon(s)));
  }
}
