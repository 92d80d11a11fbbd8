package io.platformsandbox.app.console;

import atlantafx.base.theme.Styles;
import io.platformsandbox.app.editor.CodeAreas;
import io.platformsandbox.app.editor.Language;
import io.platformsandbox.app.model.AppInfo;
import io.platformsandbox.app.shell.Icons;
import java.util.List;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.fxmisc.richtext.CodeArea;
import org.kordamp.ikonli.material2.Material2AL;
import org.kordamp.ikonli.material2.Material2MZ;

/** The API console: method, URL, "auth as", headers and body; the response with status and timing; history. */
public final class ApiConsoleView extends BorderPane {
  /** Stands for "no Authorization header" in the auth picker. */
  static final AppInfo NO_AUTH = new AppInfo("", "", "", "No auth", List.of(), "");
  private static final KeyCombination SEND = new KeyCodeCombination(KeyCode.ENTER, KeyCombination.SHORTCUT_DOWN);
  private final ApiConsoleViewModel vm;
  private final CodeArea body = CodeAreas.create(Language.JSON, true);
  private final CodeArea response = CodeAreas.create(Language.JSON, true);

  public ApiConsoleView(ApiConsoleViewModel vm) {
    this.vm = vm;
    setId("api-console");
    getStyleClass().add("api-console");
    setTop(requestLine());
    SplitPane work = new SplitPane(requestPane(), responsePane());
    work.setOrientation(Orientation.VERTICAL);
    work.setDividerPositions(0.4);
    SplitPane all = new SplitPane(historyPane(), work);
    all.setDividerPositions(0.22);
    SplitPane.setResizableWithParent(all.getItems().get(0), false);
    setCenter(all);
    addEventFilter(javafx.scene.input.KeyEvent.KEY_PRESSED, e -> {
      if (SEND.match(e)) {
        e.consume();
        vm.send();
      }
    });
  }

  private HBox requestLine() {
    ComboBox<String> method = new ComboBox<>(FXCollections.observableArrayList(ApiConsoleViewModel.METHODS));
    method.setId("console-method");
    method.valueProperty().bindBidirectional(vm.methodProperty());
    method.setPrefWidth(100);
    TextField url = new TextField();
    url.setId("console-url");
    url.getStyleClass().add("mono");
    url.setPromptText("/v1/collections  (relative to the sandbox's API URL, or a full URL)");
    url.textProperty().bindBidirectional(vm.urlProperty());
    url.setOnAction(e -> vm.send());
    HBox.setHgrow(url, Priority.ALWAYS);
    ComboBox<AppInfo> auth = new ComboBox<>();
    auth.setId("console-auth");
    ObservableList<AppInfo> choices = FXCollections.observableArrayList();
    Runnable sync = () -> {
      AppInfo current = auth.getValue();
      choices.setAll(NO_AUTH);
      choices.addAll(vm.apps());
      auth.setValue(current != null && choices.contains(current) ? current : vm.authAsProperty().get() == null ? NO_AUTH : vm.authAsProperty().get());
    };
    vm.apps().addListener((ListChangeListener<AppInfo>) c -> sync.run());
    auth.setItems(choices);
    javafx.util.Callback<javafx.scene.control.ListView<AppInfo>, ListCell<AppInfo>> cells = l -> new ListCell<>() {
      @Override
      protected void updateItem(AppInfo item, boolean empty) {
        super.updateItem(item, empty);
        setText(empty || item == null ? null : item == NO_AUTH ? "No auth" : item.label());
      }
    };
    auth.setCellFactory(cells);
    auth.setButtonCell(cells.call(null));
    sync.run();
    auth.valueProperty().addListener((o, a, b) -> vm.authAsProperty().set(b == null || b == NO_AUTH ? null : b));
    vm.authAsProperty().addListener((o, a, b) -> auth.setValue(b == null ? NO_AUTH : b));
    auth.setPrefWidth(220);
    auth.setTooltip(new Tooltip("Auth as: the app's bearer token goes in the Authorization header"));
    Label as = new Label("Auth as");
    as.getStyleClass().add(Styles.TEXT_MUTED);
    Button send = new Button("Send", Icons.of(Material2MZ.SEND));
    send.setId("console-send");
    send.getStyleClass().add(Styles.ACCENT);
    send.setDefaultButton(false);
    send.setTooltip(new Tooltip("Send (" + SEND.getDisplayText() + ")"));
    send.setOnAction(e -> vm.send());
    send.disableProperty().bind(vm.sendingProperty());
    Button cancel = new Button(null, Icons.of(Material2AL.CLOSE));
    cancel.getStyleClass().addAll(Styles.BUTTON_ICON, Styles.FLAT);
    cancel.setTooltip(new Tooltip("Cancel the request"));
    cancel.visibleProperty().bind(vm.sendingProperty());
    cancel.managedProperty().bind(cancel.visibleProperty());
    cancel.setOnAction(e -> vm.cancel());
    HBox line = new HBox(8, method, url, as, auth, send, cancel);
    line.setAlignment(Pos.CENTER_LEFT);
    line.getStyleClass().add("view-toolbar");
    return line;
  }

  private TabPane requestPane() {
    body.setId("console-body");
    body.replaceText(vm.bodyProperty().get());
    body.textProperty().addListener((o, a, b) -> vm.bodyProperty().set(b));
    vm.bodyProperty().addListener((o, a, b) -> {
      if (!b.equals(body.getText())) {
        CodeAreas.setText(body, b, Language.JSON);
      }
    });
    TextArea headers = new TextArea();
    headers.setId("console-headers");
    headers.getStyleClass().add("mono");
    headers.setPromptText("Name: value, one per line (Content-Type defaults to application/json)");
    headers.textProperty().bindBidirectional(vm.headersProperty());
    Tab b = new Tab("Body", CodeAreas.scroll(body));
    Tab h = new Tab("Headers", headers);
    TabPane tabs = new TabPane(b, h);
    tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
    tabs.getStyleClass().add(Styles.TABS_CLASSIC);
    return tabs;
  }

  private BorderPane responsePane() {
    Label status = new Label();
    status.setId("console-status");
    status.textProperty().bind(vm.statusLineProperty());
    status.getStyleClass().add("status-badge");
    vm.statusProperty().addListener((o, a, b) -> {
      status.getStyleClass().removeIf(s -> s.startsWith("status-") && !s.equals("status-badge"));
      if (b.intValue() > 0) {
        status.getStyleClass().add("status-" + (b.intValue() / 100) + "xx");
      }
    });
    status.visibleProperty().bind(vm.statusProperty().greaterThan(0));
    Label timing = new Label();
    timing.setId("console-timing");
    timing.textProperty().bind(vm.timingProperty());
    timing.getStyleClass().add(Styles.TEXT_MUTED);
    timing.visibleProperty().bind(vm.statusProperty().greaterThan(0));
    Label error = new Label();
    error.setId("console-error");
    error.setGraphic(Icons.of(Material2AL.ERROR_OUTLINE));
    error.textProperty().bind(vm.errorProperty());
    error.getStyleClass().add(Styles.DANGER);
    error.visibleProperty().bind(vm.errorProperty().isNotEmpty());
    error.managedProperty().bind(error.visibleProperty());
    Label title = new Label("Response");
    title.getStyleClass().add("section-title-inline");
    HBox head = new HBox(10, title, status, timing, error);
    head.setAlignment(Pos.CENTER_LEFT);
    head.getStyleClass().add("response-head");

    response.setId("console-response");
    response.setEditable(false);
    vm.responseBodyProperty().addListener((o, a, b) -> CodeAreas.setText(response, b, Language.JSON));
    TextArea headers = new TextArea();
    headers.setId("console-response-headers");
    headers.setEditable(false);
    headers.getStyleClass().add("mono");
    headers.textProperty().bind(vm.responseHeadersProperty());
    TabPane tabs = new TabPane(new Tab("Body", CodeAreas.scroll(response)), new Tab("Headers", headers));
    tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
    tabs.getStyleClass().add(Styles.TABS_CLASSIC);
    BorderPane p = new BorderPane(tabs);
    p.setTop(head);
    return p;
  }

  private VBox historyPane() {
    Label title = new Label("History");
    title.getStyleClass().add("section-title-inline");
    Button clear = new Button(null, Icons.of(Material2AL.DELETE_SWEEP));
    clear.getStyleClass().addAll(Styles.BUTTON_ICON, Styles.FLAT, Styles.SMALL);
    clear.setTooltip(new Tooltip("Clear the history"));
    clear.setOnAction(e -> vm.clearHistory());
    Region spacer = new Region();
    HBox.setHgrow(spacer, Priority.ALWAYS);
    HBox head = new HBox(6, Icons.of(Material2AL.HISTORY), title, spacer, clear);
    head.setAlignment(Pos.CENTER_LEFT);
    head.getStyleClass().add("response-head");
    ListView<HistoryEntry> list = new ListView<>(vm.history());
    list.setId("console-history");
    list.getStyleClass().addAll(Styles.DENSE, "history-list");
    list.setCellFactory(l -> new ListCell<>() {
      @Override
      protected void updateItem(HistoryEntry item, boolean empty) {
        super.updateItem(item, empty);
        getStyleClass().removeIf(s -> s.startsWith("status-"));
        if (empty || item == null) {
          setText(null);
          setTooltip(null);
        } else {
          setText(item.method() + "  " + item.url());
          setTooltip(new Tooltip(item.label() + "\n" + item.time()));
          getStyleClass().add(item.status() == 0 ? "status-5xx" : "status-" + (item.status() / 100) + "xx");
        }
      }
    });
    list.setOnMouseClicked(e -> {
      if (e.getClickCount() == 2 && list.getSelectionModel().getSelectedItem() != null) {
        vm.restore(list.getSelectionModel().getSelectedItem());
      }
    });
    list.setOnKeyPressed(e -> {
      if (e.getCode() == KeyCode.ENTER && list.getSelectionModel().getSelectedItem() != null) {
        vm.restore(list.getSelectionModel().getSelectedItem());
      }
    });
    Label empty = new Label("Sent requests show here;\ndouble-click one to load it.");
    empty.getStyleClass().addAll(Styles.TEXT_MUTED, Styles.TEXT_SMALL);
    list.setPlaceholder(empty);
    VBox box = new VBox(head, list);
    VBox.setVgrow(list, Priority.ALWAYS);
    box.setMinWidth(180);
    return box;
  }
}
