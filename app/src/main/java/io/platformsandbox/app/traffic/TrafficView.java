package io.platformsandbox.app.traffic;

import atlantafx.base.controls.CustomTextField;
import atlantafx.base.theme.Styles;
import io.platformsandbox.app.editor.CodeAreas;
import io.platformsandbox.app.editor.Language;
import io.platformsandbox.app.model.TrafficItem;
import io.platformsandbox.app.shell.Icons;
import io.platformsandbox.app.shell.Tables;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.chart.BarChart;
import javafx.scene.chart.CategoryAxis;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.fxmisc.richtext.CodeArea;
import org.kordamp.ikonli.material2.Material2AL;
import org.kordamp.ikonli.material2.Material2MZ;

/** The traffic inspector: a live list of requests, filters, a latency chart and the detail pane. */
public final class TrafficView extends BorderPane {
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS").withZone(ZoneId.systemDefault());
  private static final int CHART_BARS = 60;
  private final TrafficViewModel vm;
  private final TableView<TrafficItem> table = new TableView<>();
  private final XYChart.Series<String, Number> series = new XYChart.Series<>();

  public TrafficView(TrafficViewModel vm) {
    this.vm = vm;
    setId("traffic-view");
    getStyleClass().add("traffic-view");
    setTop(toolbar());
    SplitPane upper = new SplitPane(tablePane(), chart());
    upper.setDividerPositions(0.76);
    SplitPane split = new SplitPane(upper, detail());
    split.setOrientation(Orientation.VERTICAL);
    split.setDividerPositions(0.55);
    setCenter(split);
  }

  public TableView<TrafficItem> table() {
    return table;
  }

  private HBox toolbar() {
    ComboBox<String> app = new ComboBox<>(vm.appChoices());
    app.setId("traffic-app");
    app.valueProperty().bindBidirectional(vm.appFilterProperty());
    app.setPrefWidth(170);
    app.setMinWidth(120);
    ComboBox<TrafficViewModel.StatusFilter> status = new ComboBox<>(FXCollections.observableArrayList(TrafficViewModel.StatusFilter.values()));
    status.setId("traffic-status");
    status.valueProperty().bindBidirectional(vm.statusFilterProperty());
    status.setPrefWidth(130);
    status.setMinWidth(Region.USE_PREF_SIZE);
    CustomTextField path = new CustomTextField();
    path.setId("traffic-path");
    path.setPromptText("Path contains…");
    path.setLeft(Icons.of(Material2MZ.SEARCH));
    path.textProperty().bindBidirectional(vm.pathFilterProperty());
    HBox.setHgrow(path, Priority.ALWAYS);
    path.setPrefWidth(260);
    path.setMaxWidth(360);
    path.setMinWidth(140);
    CheckBox hide = new CheckBox("Hide workbench");
    hide.setMinWidth(Region.USE_PREF_SIZE);
    hide.setTooltip(new Tooltip("Hide the calls the workbench makes itself to browse tenants"));
    hide.setId("traffic-hide-workbench");
    hide.selectedProperty().bindBidirectional(vm.hideWorkbenchProperty());
    Region spacer = new Region();
    HBox.setHgrow(spacer, Priority.ALWAYS);
    ToggleButton pause = new ToggleButton(null, Icons.of(Material2MZ.PAUSE));
    pause.setId("traffic-pause");
    pause.getStyleClass().addAll(Styles.BUTTON_ICON, Styles.FLAT);
    pause.setTooltip(new Tooltip("Pause the live view"));
    pause.selectedProperty().bindBidirectional(vm.pausedProperty());
    Button clear = new Button(null, Icons.of(Material2AL.DELETE_SWEEP));
    clear.getStyleClass().addAll(Styles.BUTTON_ICON, Styles.FLAT);
    clear.setTooltip(new Tooltip("Clear the list"));
    clear.setOnAction(e -> vm.clear());
    HBox bar = new HBox(8, app, status, path, hide, spacer, pause, clear);
    bar.setAlignment(Pos.CENTER_LEFT);
    bar.getStyleClass().add("view-toolbar");
    return bar;
  }

  /** The table with a footer: how many requests pass the filters, and whether the stream is live. */
  private BorderPane tablePane() {
    Label summary = new Label();
    summary.setId("traffic-summary");
    summary.textProperty().bind(vm.summaryProperty());
    summary.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_MUTED);
    summary.setMinWidth(0);
    Region spacer = new Region();
    HBox.setHgrow(spacer, Priority.ALWAYS);
    HBox footer = new HBox(8, summary, spacer, streamState());
    footer.setAlignment(Pos.CENTER_LEFT);
    footer.getStyleClass().add("view-footer");
    BorderPane pane = new BorderPane(buildTable());
    pane.setBottom(footer);
    return pane;
  }

  private Label streamState() {
    Label state = new Label(null, Icons.of(Material2AL.FIBER_MANUAL_RECORD));
    state.setId("traffic-stream");
    state.getStyleClass().addAll("stream-state", Styles.TEXT_SMALL);
    state.setMinWidth(Region.USE_PREF_SIZE);
    state.setTooltip(new Tooltip("The sandbox's traffic stream (GET /_sandbox/traffic/stream)"));
    Consumer<StreamState> show = s -> {
      state.setText(s.toString());
      state.getStyleClass().removeIf(c -> c.startsWith("stream-state-"));
      state.getStyleClass().add("stream-state-" + s.name().toLowerCase(Locale.ROOT));
    };
    show.accept(vm.streamStateProperty().get());
    vm.streamStateProperty().addListener((o, a, b) -> show.accept(b));
    return state;
  }

  private TableView<TrafficItem> buildTable() {
    table.setId("traffic-table");
    table.setItems(vm.filtered());
    Tables.styleAsList(table, "No requests yet. Calls to the Platform API show here as they happen.");
    TableColumn<TrafficItem, String> time = Tables.textColumn("Time", 104, t -> Tables.localTime(TIME, t.time()));
    TableColumn<TrafficItem, String> method = Tables.textColumn("Method", 72, TrafficItem::method);
    method.setCellFactory(c -> Tables.styledCell(t -> "method-" + t.toLowerCase(Locale.ROOT)));
    TableColumn<TrafficItem, String> status = Tables.textColumn("Status", 66, t -> Integer.toString(t.status()));
    status.setCellFactory(c -> Tables.styledCell(s -> "status-" + s.charAt(0) + "xx"));
    TableColumn<TrafficItem, String> latency = Tables.textColumn("ms", 56, t -> String.format(Locale.ROOT, "%.1f", t.latencyMs()));
    latency.getStyleClass().add("align-right");
    TableColumn<TrafficItem, String> app = Tables.textColumn("App", 150, t -> vm.appLabel(t.app()));
    TableColumn<TrafficItem, String> path = Tables.textColumn("Path", 300, TrafficItem::path);
    // When the table is narrow, the path (the last column) and then the app give way, down to these.
    app.setMinWidth(90);
    path.setMinWidth(140);
    for (TableColumn<TrafficItem, String> fixed : List.of(time, method, status, latency)) {
      fixed.setMaxWidth(fixed.getPrefWidth());
    }
    table.getColumns().setAll(List.of(time, method, status, latency, app, path));
    table.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> vm.selectedProperty().set(b));
    vm.appChoices().addListener((ListChangeListener<String>) c -> table.refresh());
    vm.filtered().addListener((ListChangeListener<TrafficItem>) c -> {
      if (table.getSelectionModel().isEmpty() && !vm.filtered().isEmpty()) {
        table.scrollTo(vm.filtered().size() - 1);
      }
      updateChart();
    });
    return table;
  }

  private VBox chart() {
    CategoryAxis x = new CategoryAxis();
    x.setTickLabelsVisible(false);
    x.setTickMarkVisible(false);
    x.setAnimated(false);
    NumberAxis y = new NumberAxis();
    y.setAnimated(false);
    y.setLabel("ms");
    y.setForceZeroInRange(true);
    BarChart<String, Number> chart = new BarChart<>(x, y);
    chart.setId("traffic-chart");
    chart.setAnimated(false);
    chart.setLegendVisible(false);
    chart.setVerticalGridLinesVisible(false);
    chart.setBarGap(1);
    chart.setCategoryGap(2);
    chart.getData().add(series);
    chart.getStyleClass().add("latency-chart");
    Label title = new Label("Latency, last " + CHART_BARS + " requests");
    title.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_MUTED);
    VBox box = new VBox(2, title, chart);
    box.getStyleClass().add("chart-box");
    VBox.setVgrow(chart, Priority.ALWAYS);
    box.setMinWidth(220);
    return box;
  }

  private void updateChart() {
    var list = vm.filtered();
    int from = Math.max(0, list.size() - CHART_BARS);
    var data = FXCollections.<XYChart.Data<String, Number>>observableArrayList();
    for (int i = from; i < list.size(); i++) {
      TrafficItem t = list.get(i);
      XYChart.Data<String, Number> d = new XYChart.Data<>(Long.toString(t.id()), t.latencyMs());
      String cls = t.status() >= 500 ? "bar-error" : t.status() >= 400 ? "bar-warning" : "bar-ok";
      d.nodeProperty().addListener((o, a, n) -> {
        if (n != null) {
          n.getStyleClass().add(cls);
          Tooltip.install(n, new Tooltip(t.method() + " " + t.pathOnly() + " → " + t.status() + " in " + String.format(Locale.ROOT, "%.1f ms", t.latencyMs())));
        }
      });
      data.add(d);
    }
    series.setData(data);
  }

  private SplitPane detail() {
    CodeArea request = CodeAreas.create(Language.JSON, false);
    request.setEditable(false);
    request.setId("traffic-request");
    request.setWrapText(true);
    CodeArea response = CodeAreas.create(Language.JSON, false);
    response.setEditable(false);
    response.setId("traffic-response");
    response.setWrapText(true);
    vm.requestTextProperty().addListener((o, a, b) -> CodeAreas.setText(request, b, Language.JSON));
    vm.responseTextProperty().addListener((o, a, b) -> CodeAreas.setText(response, b, Language.JSON));
    SplitPane split = new SplitPane(titled("Request", request), titled("Response", response));
    split.setDividerPositions(0.5);
    return split;
  }

  static BorderPane titled(String title, CodeArea area) {
    Label l = new Label(title);
    l.getStyleClass().add("section-title");
    BorderPane p = new BorderPane(CodeAreas.scroll(area));
    p.setTop(l);
    return p;
  }
}
