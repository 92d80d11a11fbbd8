package io.platformsandbox.app.shell;

import atlantafx.base.controls.Notification;
import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import atlantafx.base.theme.Styles;
import io.platformsandbox.app.console.ApiConsoleView;
import io.platformsandbox.app.console.ApiConsoleViewModel;
import io.platformsandbox.app.core.BackgroundExecutor;
import io.platformsandbox.app.core.FileProblem;
import io.platformsandbox.app.core.FileProblems;
import io.platformsandbox.app.core.Notice;
import io.platformsandbox.app.core.Notifications;
import io.platformsandbox.app.core.Settings;
import io.platformsandbox.app.dialogs.Dialogs;
import io.platformsandbox.app.dialogs.FormDialog;
import io.platformsandbox.app.editor.CodeEditorView;
import io.platformsandbox.app.editor.CodeEditorViewModel;
import io.platformsandbox.app.events.EventsView;
import io.platformsandbox.app.events.EventsViewModel;
import io.platformsandbox.app.explorer.ExplorerActions;
import io.platformsandbox.app.explorer.ExplorerNode;
import io.platformsandbox.app.explorer.ExplorerView;
import io.platformsandbox.app.explorer.ExplorerViewModel;
import io.platformsandbox.app.inspector.InspectorView;
import io.platformsandbox.app.inspector.InspectorViewModel;
import io.platformsandbox.app.logs.LogView;
import io.platformsandbox.app.logs.LogViewModel;
import io.platformsandbox.app.marketplace.MarketplaceEntry;
import io.platformsandbox.app.marketplace.MarketplaceView;
import io.platformsandbox.app.marketplace.MarketplaceViewModel;
import io.platformsandbox.app.model.AppInfo;
import io.platformsandbox.app.model.CollectionInfo;
import io.platformsandbox.app.model.PluginInfo;
import io.platformsandbox.app.model.TenantInfo;
import io.platformsandbox.app.model.TopicInfo;
import io.platformsandbox.app.model.WebhookInfo;
import io.platformsandbox.app.plugins.PluginConsoleView;
import io.platformsandbox.app.plugins.PluginConsoleViewModel;
import io.platformsandbox.app.plugins.PluginState;
import io.platformsandbox.app.plugins.PluginsViewModel;
import io.platformsandbox.app.publish.PublishDialog;
import io.platformsandbox.app.records.RecordsView;
import io.platformsandbox.app.records.RecordsViewModel;
import io.platformsandbox.app.session.SandboxSession;
import io.platformsandbox.app.session.SandboxStatus;
import io.platformsandbox.app.traffic.TrafficView;
import io.platformsandbox.app.traffic.TrafficViewModel;
import io.platformsandbox.app.validation.ValidationView;
import io.platformsandbox.app.validation.ValidationViewModel;
import io.platformsandbox.app.webhooks.WebhooksView;
import io.platformsandbox.app.webhooks.WebhooksViewModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.animation.KeyFrame;
import javafx.animation.PauseTransition;
import javafx.animation.Timeline;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.geometry.Rectangle2D;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.ComboBox;
import javafx.scene.control.ContentDisplay;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.Separator;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToolBar;
import javafx.scene.control.Tooltip;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import javafx.stage.Screen;
import javafx.stage.Stage;
import javafx.util.Duration;
import org.kordamp.ikonli.material2.Material2AL;
import org.kordamp.ikonli.material2.Material2MZ;

/**
 * The window: menus and toolbar, explorer, centre tabs, right inspector, bottom dock, status bar,
 * notifications. Every action is a menu item with a shortcut; the toolbar reuses the same actions.
 */
public final class ShellView {
  private static final KeyCombination.Modifier SHORTCUT = KeyCombination.SHORTCUT_DOWN;
  private static final KeyCombination.Modifier SHIFT = KeyCombination.SHIFT_DOWN;

  private final ShellViewModel vm;
  private final SandboxSession session;
  private final ExplorerViewModel explorerModel;
  private final InspectorViewModel inspectorModel;
  private final TrafficViewModel trafficModel;
  private final ApiConsoleViewModel consoleModel;
  private final LogViewModel logModel;
  private final EventsViewModel eventsModel;
  private final WebhooksViewModel webhooksModel;
  private final PluginsViewModel pluginsModel;
  private final MarketplaceViewModel marketplaceModel;
  private final BackgroundExecutor executor;
  private final Notifications notifications;
  private final FileProblems fileProblems;
  private final Settings settings;

  private final BorderPane root = new BorderPane();
  private final TabPane centre = new TabPane();
  private final TabPane dock = new TabPane();
  private final SplitPane main = new SplitPane();
  private final SplitPane vertical = new SplitPane();
  private final VBox notices = new VBox(8);
  private final Map<String, Tab> tabs = new LinkedHashMap<>();
  private final Map<String, Action> actions = new LinkedHashMap<>();
  private final Map<PluginConsoleViewModel, Tab> consoleTabs = new java.util.IdentityHashMap<>();
  private Consumer<String> browser;
  private static final double COMPACT_TOOLBAR_BELOW = 1600;
  private final javafx.beans.property.BooleanProperty compactToolbar = new javafx.beans.property.SimpleBooleanProperty();
  private ExplorerView explorer;
  private Node explorerPane;
  private Node inspectorPane;
  private Tab logTab;
  private Tab problemsTab;
  private Stage stage;
  private Timeline timer;
  private final CheckMenuItem showExplorer = new CheckMenuItem("Explorer");
  private final CheckMenuItem showInspector = new CheckMenuItem("Inspector");
  private final CheckMenuItem showDock = new CheckMenuItem("Bottom Dock");

  public ShellView(
      ShellViewModel vm,
      ExplorerViewModel explorer,
      InspectorViewModel inspector,
      TrafficViewModel traffic,
      ApiConsoleViewModel console,
      LogViewModel log,
      EventsViewModel events,
      WebhooksViewModel webhooks,
      PluginsViewModel plugins,
      MarketplaceViewModel marketplace,
      BackgroundExecutor executor,
      Notifications notifications,
      FileProblems fileProblems,
      Settings settings) {
    this.vm = vm;
    this.session = vm.session();
    this.explorerModel = explorer;
    this.inspectorModel = inspector;
    this.trafficModel = traffic;
    this.consoleModel = console;
    this.logModel = log;
    this.eventsModel = events;
    this.webhooksModel = webhooks;
    this.pluginsModel = plugins;
    this.marketplaceModel = marketplace;
    this.executor = executor;
    this.notifications = notifications;
    this.fileProblems = fileProblems;
    this.settings = settings;
    defineActions();
    build();
  }

  // ---- actions -----------------------------------------------------------------------------

  private void defineActions() {
    var live = vm.liveBinding();
    var embedded = Bindings.createBooleanBinding(() -> session.status() != SandboxStatus.CONNECTED, session.statusProperty());
    add(new Action("start", "Start Sandbox", Material2MZ.PLAY_ARROW, new KeyCodeCombination(KeyCode.F5), vm.canStartBinding(), vm::start));
    add(new Action("stop", "Stop Sandbox", Material2MZ.STOP, new KeyCodeCombination(KeyCode.F5, SHIFT), vm.canStopBinding(), vm::stop));
    add(new Action("reset", "Reset Sandbox…", Material2MZ.RESTORE, new KeyCodeCombination(KeyCode.R, SHORTCUT, SHIFT), live, this::reset));
    add(new Action("refresh", "Refresh", Material2MZ.REFRESH, new KeyCodeCombination(KeyCode.R, SHORTCUT), live, explorerModel::refresh));
    add(new Action("new-tenant", "New Tenant…", Material2AL.BUSINESS, new KeyCodeCombination(KeyCode.T, SHORTCUT, SHIFT), live, this::newTenant));
    add(new Action("new-app", "New App…", Material2MZ.VPN_KEY, new KeyCodeCombination(KeyCode.A, SHORTCUT, SHIFT), live, () -> newApp(session.selectedTenantProperty().get())));
    add(new Action("new-collection", "New Collection…", Material2MZ.TABLE_CHART, new KeyCodeCombination(KeyCode.N, SHORTCUT, SHIFT), live, () -> newCollection(session.selectedTenantProperty().get())));
    add(new Action("open-workspace", "Open Workspace…", Material2AL.FOLDER_OPEN, new KeyCodeCombination(KeyCode.O, SHORTCUT), embedded, this::openWorkspace));
    add(new Action("connect", "Connect to Running Sandbox…", Material2AL.LINK, new KeyCodeCombination(KeyCode.L, SHORTCUT, SHIFT), null, this::connect));
    add(new Action("quit", "Quit", null, new KeyCodeCombination(KeyCode.Q, SHORTCUT), null, this::requestClose));
    var hasPlugins = Bindings.isNotEmpty(explorerModel.plugins());
    add(new Action("run-plugin", "Run Plugin", Material2MZ.PLAY_CIRCLE_OUTLINE, new KeyCodeCombination(KeyCode.F5, SHORTCUT), live.and(hasPlugins), () -> runPlugin(explorerModel.targetPlugin())));
    add(new Action("stop-plugin", "Stop Plugin", Material2MZ.STOP_CIRCLE, new KeyCodeCombination(KeyCode.F5, SHORTCUT, SHIFT), pluginsModel.anyRunningBinding(), () -> stopPlugin(explorerModel.selectedPluginProperty().get())));
    add(new Action("validate-plugin", "Validate Plugin", Material2MZ.RULE, new KeyCodeCombination(KeyCode.V, SHORTCUT, SHIFT), hasPlugins, () -> validatePlugin(explorerModel.targetPlugin())));
    add(new Action("publish-plugin", "Package and Publish…", Material2MZ.PUBLISH, new KeyCodeCombination(KeyCode.B, SHORTCUT, SHIFT), hasPlugins, () -> publishPlugin(explorerModel.targetPlugin())));
    add(new Action("marketplace", "Marketplace", Material2MZ.STOREFRONT, new KeyCodeCombination(KeyCode.M, SHORTCUT, SHIFT), null, this::openMarketplace));
    add(new Action("plugin-console", "Plugin Console", Material2AL.DVR, new KeyCodeCombination(KeyCode.J, SHORTCUT), null, this::showPluginConsole));
    add(new Action("console", "API Console", Material2MZ.SEND, new KeyCodeCombination(KeyCode.K, SHORTCUT), null, this::openConsole));
    add(new Action("traffic", "Traffic Inspector", Material2MZ.SWAP_VERT, new KeyCodeCombination(KeyCode.T, SHORTCUT), null, this::openTraffic));
    add(new Action("events", "Events", Material2MZ.TIMELINE, new KeyCodeCombination(KeyCode.E, SHORTCUT), null, this::openEvents));
    add(new Action("webhooks", "Webhooks", Material2AL.CALL_SPLIT, new KeyCodeCombination(KeyCode.H, SHORTCUT), null, this::openWebhooks));
    add(new Action("trigger", "Trigger Event…", Material2AL.FLASH_ON, new KeyCodeCombination(KeyCode.E, SHORTCUT, SHIFT), live, this::triggerEvent));
    add(new Action("save-snapshot", "Save Snapshot…", Material2MZ.SAVE, new KeyCodeCombination(KeyCode.S, SHORTCUT, SHIFT), live, this::saveSnapshot));
    add(new Action("restore-snapshot", "Restore Snapshot…", Material2AL.HISTORY, new KeyCodeCombination(KeyCode.O, SHORTCUT, SHIFT), live, this::restoreSnapshot));
    add(new Action("advance-clock", "Advance Clock…", Material2AL.FAST_FORWARD, new KeyCodeCombination(KeyCode.F, SHORTCUT, SHIFT), live, this::advanceClock));
    add(new Action("log", "Log", Material2AL.LIST, new KeyCodeCombination(KeyCode.L, SHORTCUT), null, () -> showDockTab(logTab)));
    add(new Action("problems", "Problems", Material2MZ.WARNING, new KeyCodeCombination(KeyCode.P, SHORTCUT, SHIFT), null, () -> showDockTab(problemsTab)));
    add(new Action("welcome", "Welcome", Material2AL.HOME, null, null, this::openWelcome));
    add(new Action("theme", "Toggle Dark Theme", Material2AL.BRIGHTNESS_4, new KeyCodeCombination(KeyCode.D, SHORTCUT, SHIFT), null, () -> vm.darkThemeProperty().set(!vm.darkThemeProperty().get())));
    add(new Action("zoom-in", "Zoom In", Material2MZ.ZOOM_IN, new KeyCodeCombination(KeyCode.EQUALS, SHORTCUT), null, vm::zoomIn));
    add(new Action("zoom-out", "Zoom Out", Material2MZ.ZOOM_OUT, new KeyCodeCombination(KeyCode.MINUS, SHORTCUT), null, vm::zoomOut));
    add(new Action("zoom-reset", "Actual Size", null, new KeyCodeCombination(KeyCode.DIGIT0, SHORTCUT), null, vm::zoomReset));
    add(new Action("close-tab", "Close Tab", Material2AL.CLOSE, new KeyCodeCombination(KeyCode.W, SHORTCUT), null, this::closeTab));
    add(new Action("shortcuts", "Keyboard Shortcuts", Material2AL.KEYBOARD, new KeyCodeCombination(KeyCode.F1), null, this::showShortcuts));
    add(new Action("about", "About Platform Sandbox", Material2AL.INFO, null, null, this::about));
  }

  private void add(Action a) {
    actions.put(a.id(), a);
  }

  /** An action by id, for tests and the welcome page. */
  public Action action(String id) {
    return Objects.requireNonNull(actions.get(id), id);
  }

  // ---- layout ------------------------------------------------------------------------------

  private void build() {
    root.getStyleClass().add("workbench");
    root.setTop(new VBox(menuBar(), toolBar()));
    explorer = new ExplorerView(explorerModel, explorerActions());
    explorerModel.setOpener(this::open);
    explorerModel.selectedProperty().addListener((o, a, b) -> inspectorModel.subjectProperty().set(b));
    explorerPane = sidePane("Explorer", explorer, "explorer-pane", refreshButton());
    inspectorPane = sidePane("Inspector", new InspectorView(inspectorModel), "inspector-pane", null);
    centre.setId("centre-tabs");
    centre.getStyleClass().add("centre-tabs");
    centre.setTabClosingPolicy(TabPane.TabClosingPolicy.ALL_TABS);
    centre.getTabs().addListener((ListChangeListener<Tab>) c -> {
      while (c.next()) {
        c.getRemoved().forEach(t -> {
          tabs.values().remove(t);
          if (t.getContent() instanceof CodeEditorView editor) {
            editor.viewModel().close(); // however it closed (its button, Ctrl+W): its problems leave the dock
          }
        });
      }
    });

    logTab = new Tab("Log", new LogView(logModel));
    logTab.setId("dock-log");
    logTab.setGraphic(Icons.of(Material2AL.LIST));
    problemsTab = new Tab("Problems", new ProblemsView(notifications, fileProblems, this::openProblem));
    problemsTab.setId("dock-problems");
    problemsTab.setGraphic(Icons.of(Material2MZ.WARNING));
    problemsTab.textProperty().bind(Bindings.createStringBinding(
        () -> {
          long n = notifications.notices().stream().filter(x -> x.level() == Notice.Level.ERROR).count() + fileProblems.all().size();
          return n == 0 ? "Problems" : "Problems (" + n + ")";
        },
        notifications.notices(),
        fileProblems.all()));
    dock.getTabs().addAll(logTab, problemsTab);
    logTab.setClosable(false);
    problemsTab.setClosable(false);
    // Plugin consoles can be closed once their plugin has stopped; Log and Problems stay.
    dock.setTabClosingPolicy(TabPane.TabClosingPolicy.ALL_TABS);
    pluginsModel.consoles().addListener((ListChangeListener<PluginConsoleViewModel>) c -> {
      while (c.next()) {
        c.getAddedSubList().forEach(this::consoleTab);
        c.getRemoved().forEach(x -> dock.getTabs().remove(consoleTabs.remove(x)));
      }
    });
    pluginsModel.selectedConsoleProperty().addListener((o, a, b) -> {
      Tab t = b == null ? null : consoleTabs.get(b);
      if (t != null) {
        showDockTab(t);
      }
    });
    dock.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> consoleTabs.entrySet().stream()
        .filter(e -> e.getValue() == b).findFirst().ifPresent(e -> pluginsModel.selectedConsoleProperty().set(e.getKey())));
    dock.setId("dock");
    dock.getStyleClass().addAll("dock", Styles.TABS_CLASSIC);
    main.getItems().addAll(explorerPane, centre, inspectorPane);
    main.setId("main-split");
    vertical.setOrientation(Orientation.VERTICAL);
    vertical.getItems().addAll(main, dock);

    notices.setId("notifications");
    notices.setPickOnBounds(false);
    // Bottom right, over the dock: notices never cover the toolbars of the views.
    notices.setAlignment(Pos.BOTTOM_RIGHT);
    notices.setMaxWidth(420);
    notices.setMaxHeight(Region.USE_PREF_SIZE);
    StackPane.setAlignment(notices, Pos.BOTTOM_RIGHT);
    StackPane.setMargin(notices, new Insets(0, 16, 12, 0));
    StackPane stack = new StackPane(vertical, notices);
    root.setCenter(stack);
    root.setBottom(statusBar());
    notifications.setPopup(this::popup);

    showExplorer.setSelected(settings.getBoolean("layout.explorer", true));
    showInspector.setSelected(settings.getBoolean("layout.inspector", true));
    showDock.setSelected(settings.getBoolean("layout.dock", true));
    showExplorer.selectedProperty().addListener((o, a, b) -> toggle(main, explorerPane, b, 0));
    showInspector.selectedProperty().addListener((o, a, b) -> toggle(main, inspectorPane, b, main.getItems().size()));
    showDock.selectedProperty().addListener((o, a, b) -> toggle(vertical, dock, b, 1));
    toggle(main, explorerPane, showExplorer.isSelected(), 0);
    toggle(main, inspectorPane, showInspector.isSelected(), main.getItems().size());
    toggle(vertical, dock, showDock.isSelected(), 1);
    openWelcome();
  }

  private Button refreshButton() {
    Button b = new Button(null, Icons.of(Material2MZ.REFRESH));
    b.getStyleClass().addAll(Styles.BUTTON_ICON, Styles.FLAT, Styles.SMALL);
    b.setTooltip(new Tooltip("Refresh (" + action("refresh").shortcut().getDisplayText() + ")"));
    b.setOnAction(e -> explorerModel.refresh());
    return b;
  }

  private static void toggle(SplitPane split, Node pane, boolean show, int index) {
    if (show && !split.getItems().contains(pane)) {
      split.getItems().add(Math.min(index, split.getItems().size()), pane);
    } else if (!show) {
      split.getItems().remove(pane);
    }
  }

  private static VBox sidePane(String title, Node content, String id, Node extra) {
    Label l = new Label(title.toUpperCase(Locale.ROOT));
    l.getStyleClass().add("pane-title");
    Region spacer = new Region();
    HBox.setHgrow(spacer, Priority.ALWAYS);
    HBox head = new HBox(4, l, spacer);
    if (extra != null) {
      head.getChildren().add(extra);
    }
    head.setAlignment(Pos.CENTER_LEFT);
    head.getStyleClass().add("pane-header");
    VBox box = new VBox(head, content);
    VBox.setVgrow(content, Priority.ALWAYS);
    box.setId(id);
    box.getStyleClass().add("side-pane");
    box.setMinWidth(180);
    return box;
  }

  private MenuBar menuBar() {
    Menu file = new Menu("_File");
    file.getItems().addAll(
        item("open-workspace"), item("connect"), new SeparatorMenuItem(), item("refresh"), new SeparatorMenuItem(), item("quit"));
    Menu sandbox = new Menu("_Sandbox");
    sandbox.getItems().addAll(
        item("start"), item("stop"), item("reset"), item("save-snapshot"), item("restore-snapshot"), new SeparatorMenuItem(), item("new-tenant"), item("new-app"), item("new-collection"), new SeparatorMenuItem(), item("trigger"), item("advance-clock"));
    Menu plugin = new Menu("_Plugin");
    plugin.getItems().addAll(
        item("run-plugin"), item("stop-plugin"), item("validate-plugin"), item("publish-plugin"), new SeparatorMenuItem(), item("marketplace"), item("plugin-console"));
    Menu view = new Menu("_View");
    showExplorer.setAccelerator(new KeyCodeCombination(KeyCode.DIGIT1, SHORTCUT));
    showInspector.setAccelerator(new KeyCodeCombination(KeyCode.DIGIT2, SHORTCUT));
    showDock.setAccelerator(new KeyCodeCombination(KeyCode.DIGIT3, SHORTCUT));
    CheckMenuItem dark = new CheckMenuItem("Dark Theme");
    dark.setId("menu-dark");
    dark.setAccelerator(action("theme").shortcut());
    dark.selectedProperty().bindBidirectional(vm.darkThemeProperty());
    view.getItems().addAll(
        showExplorer, showInspector, showDock, new SeparatorMenuItem(), dark, item("zoom-in"), item("zoom-out"), item("zoom-reset"), new SeparatorMenuItem(), item("close-tab"));
    Menu tools = new Menu("_Tools");
    tools.getItems().addAll(item("console"), item("traffic"), item("events"), item("webhooks"), item("marketplace"), new SeparatorMenuItem(), item("log"), item("problems"), new SeparatorMenuItem(), item("welcome"));
    Menu help = new Menu("_Help");
    help.getItems().addAll(item("shortcuts"), item("about"));
    MenuBar bar = new MenuBar(file, sandbox, plugin, view, tools, help);
    bar.setId("menu-bar");
    return bar;
  }

  private MenuItem item(String id) {
    return action(id).menuItem();
  }

  private ToolBar toolBar() {
    ComboBox<TenantInfo> tenant = new ComboBox<>(session.tenants());
    tenant.setId("tenant-picker");
    tenant.setPromptText("No tenant");
    tenant.setPrefWidth(200);
    tenant.setCellFactory(l -> tenantCell());
    tenant.setButtonCell(tenantCell());
    tenant.disableProperty().bind(vm.liveBinding().not());
    Runnable fromSession = () -> {
      String id = session.selectedTenantProperty().get();
      TenantInfo t = id == null ? null : session.tenants().stream().filter(x -> x.id().equals(id)).findFirst().orElse(null);
      if (!Objects.equals(tenant.getValue(), t)) {
        tenant.setValue(t);
      }
    };
    session.selectedTenantProperty().addListener((o, a, b) -> fromSession.run());
    session.tenants().addListener((ListChangeListener<TenantInfo>) c -> Platform.runLater(fromSession));
    tenant.valueProperty().addListener((o, a, b) -> {
      if (b != null) {
        session.selectedTenantProperty().set(b.id());
      }
    });
    Label tenantLabel = new Label("Tenant");
    tenantLabel.getStyleClass().add(Styles.TEXT_MUTED);

    ToggleButton theme = new ToggleButton(null, Icons.of(Material2AL.BRIGHTNESS_4));
    theme.setId("tb-theme");
    theme.getStyleClass().addAll(Styles.BUTTON_ICON, Styles.FLAT);
    theme.setFocusTraversable(false);
    theme.setTooltip(new Tooltip("Dark theme (" + action("theme").shortcut().getDisplayText() + ")"));
    theme.selectedProperty().bindBidirectional(vm.darkThemeProperty());

    Region spacer = new Region();
    HBox.setHgrow(spacer, Priority.ALWAYS);
    Button start = action("start").button(true);
    start.getStyleClass().add("start-button");
    ToolBar bar =
        new ToolBar(
            start,
            action("stop").button(true),
            new Separator(Orientation.VERTICAL),
            tenantLabel,
            tenant,
            action("new-tenant").button(false),
            action("new-app").button(false),
            action("new-collection").button(false),
            new Separator(Orientation.VERTICAL),
            action("refresh").button(false),
            action("reset").button(false),
            action("save-snapshot").button(false),
            new Separator(Orientation.VERTICAL),
            action("run-plugin").button(true),
            action("stop-plugin").button(false),
            validateButton(),
            publishButton(),
            spacer,
            viewButton("console"),
            viewButton("traffic"),
            viewButton("events"),
            viewButton("webhooks"),
            viewButton("marketplace"),
            new Separator(Orientation.VERTICAL),
            theme);
    bar.setId("tool-bar");
    // Below this width the view buttons show their icons only, so that the sandbox and plugin
    // actions never move into the toolbar's overflow menu.
    compactToolbar.bind(bar.widthProperty().lessThan(COMPACT_TOOLBAR_BELOW));
    bar.getStyleClass().add("main-toolbar");
    return bar;
  }

  private Button viewButton(String id) {
    Button b = action(id).button(true);
    b.contentDisplayProperty().bind(Bindings.when(compactToolbar).then(ContentDisplay.GRAPHIC_ONLY).otherwise(ContentDisplay.LEFT));
    return b;
  }

  private Button validateButton() {
    Button b = action("validate-plugin").button(true);
    b.setText("Validate");
    return b;
  }

  private Button publishButton() {
    Button b = action("publish-plugin").button(true);
    b.setText("Publish");
    return b;
  }

  private static ListCell<TenantInfo> tenantCell() {
    return new ListCell<>() {
      @Override
      protected void updateItem(TenantInfo item, boolean empty) {
        super.updateItem(item, empty);
        setText(empty || item == null ? null : item.label());
        setGraphic(empty || item == null ? null : Icons.of(Material2AL.BUSINESS));
      }
    };
  }

  private HBox statusBar() {
    Label state = new Label();
    state.setId("status-state");
    state.textProperty().bind(vm.statusTextBinding());
    state.setGraphic(Icons.of(Material2AL.FIBER_MANUAL_RECORD, "state-dot"));
    session.statusProperty().addListener((o, a, b) -> stateClass(state, b));
    stateClass(state, session.status());
    Label api = urlLabel("status-api", "API", session.apiUrlProperty());
    Label mocks = urlLabel("status-mocks", "Mocks", session.mockUrlProperty());
    Label workspace = new Label();
    workspace.setId("status-workspace");
    workspace.setGraphic(Icons.of(Material2AL.FOLDER));
    workspace.textProperty().bind(Bindings.createStringBinding(
        () -> session.workspaceProperty().get() == null ? "in memory" : session.workspaceProperty().get().toString(), session.workspaceProperty()));
    workspace.getStyleClass().add("status-item");

    ProgressIndicator progress = new ProgressIndicator();
    progress.setId("status-progress");
    progress.setPrefSize(14, 14);
    progress.setMaxSize(14, 14);
    Label job = new Label();
    job.setId("status-job");
    job.getStyleClass().add("status-item");
    Button cancel = new Button(null, Icons.of(Material2AL.CLOSE));
    cancel.getStyleClass().addAll(Styles.BUTTON_ICON, Styles.FLAT, Styles.SMALL, "status-cancel");
    cancel.setTooltip(new Tooltip("Cancel"));
    cancel.setOnAction(e -> {
      if (!executor.running().isEmpty()) {
        executor.running().get(executor.running().size() - 1).cancel();
      }
    });
    HBox jobs = new HBox(6, progress, job, cancel);
    jobs.setAlignment(Pos.CENTER_LEFT);
    jobs.visibleProperty().bind(Bindings.isNotEmpty(executor.running()));
    jobs.managedProperty().bind(jobs.visibleProperty());
    job.textProperty().bind(Bindings.createStringBinding(
        () -> executor.running().isEmpty() ? "" : executor.running().get(executor.running().size() - 1).title() + (executor.running().size() > 1 ? " (+" + (executor.running().size() - 1) + ")" : "") + "…",
        executor.running()));

    Label tenant = new Label();
    tenant.setId("status-tenant");
    tenant.setGraphic(Icons.of(Material2AL.BUSINESS));
    tenant.textProperty().bind(Bindings.createStringBinding(
        () -> session.selectedTenantProperty().get() == null ? "no tenant" : session.selectedTenantProperty().get(), session.selectedTenantProperty()));
    tenant.getStyleClass().add("status-item");
    Label clock = new Label();
    clock.setId("status-clock");
    clock.setGraphic(Icons.of(Material2MZ.SCHEDULE));
    clock.textProperty().bind(vm.clockTextBinding());
    clock.getStyleClass().add("status-item");
    clock.setTooltip(new Tooltip("The sandbox clock (tokens, retention and retries follow it)"));
    Label zoom = new Label();
    zoom.textProperty().bind(Bindings.createStringBinding(vm::zoomText, vm.zoomProperty()));
    zoom.getStyleClass().add("status-item");
    zoom.visibleProperty().bind(vm.zoomProperty().isNotEqualTo(1.0, 0.001));
    zoom.managedProperty().bind(zoom.visibleProperty());

    Region spacer = new Region();
    HBox.setHgrow(spacer, Priority.ALWAYS);
    HBox bar = new HBox(16, state, api, mocks, workspace, spacer, jobs, tenant, clock, zoom);
    bar.setAlignment(Pos.CENTER_LEFT);
    bar.setId("status-bar");
    bar.getStyleClass().add("status-bar");
    return bar;
  }

  private static void stateClass(Label state, SandboxStatus s) {
    state.getStyleClass().removeIf(c -> c.startsWith("state-"));
    state.getStyleClass().add("state-" + s.name().toLowerCase(Locale.ROOT));
  }

  private Label urlLabel(String id, String name, javafx.beans.value.ObservableStringValue url) {
    Label l = new Label();
    l.setId(id);
    l.getStyleClass().add("status-item");
    l.textProperty().bind(Bindings.createStringBinding(() -> url.get().isEmpty() ? name + " —" : name + " " + url.get().replaceFirst("^https?://", ""), url));
    l.setTooltip(new Tooltip("Click to copy the URL"));
    l.setOnMouseClicked(e -> {
      if (!url.get().isEmpty()) {
        copy(url.get());
      }
    });
    return l;
  }

  // ---- show, theme, timers -----------------------------------------------------------------

  /** Puts the shell in {@code stage}, restores the remembered size and layout, and shows it. */
  public void show(Stage stage) {
    this.stage = stage;
    Scene scene = new Scene(root);
    scene.getStylesheets().addAll(css("workbench.css"), css("controlsfx-atlantafx.css"));
    applyTheme(vm.darkThemeProperty().get());
    vm.darkThemeProperty().addListener((o, a, b) -> applyTheme(b));
    applyZoom(vm.zoomProperty().get());
    vm.zoomProperty().addListener((o, a, b) -> applyZoom(b.doubleValue()));
    stage.setScene(scene);
    stage.titleProperty().bind(vm.titleBinding());
    restoreWindow(stage);
    stage.setOnCloseRequest(e -> {
      if (pluginsModel.hasActive()) {
        e.consume();
        requestClose();
      } else {
        saveLayout();
      }
    });
    stage.show();
    applyDividers();
    // The traffic inspector is the slowest view to build (charts, code areas): build it once the
    // window shows, behind the welcome tab.
    Platform.runLater(() -> {
      Tab selected = centre.getSelectionModel().getSelectedItem();
      openTraffic();
      centre.getSelectionModel().select(selected);
    });
    startTimers();
  }

  /** Restores the split positions once the window has its size (before that they are lost). */
  private void applyDividers() {
    Runnable apply = () -> {
      double[] mainPos = dividers("layout.main", new double[] {0.2, 0.79});
      if (main.getItems().size() == 3) {
        main.setDividerPositions(mainPos);
      } else if (main.getItems().size() == 2) {
        main.setDividerPositions(main.getItems().get(0) == explorerPane ? mainPos[0] : mainPos[1]);
      }
      if (vertical.getItems().size() == 2) {
        vertical.setDividerPositions(settings.getDouble("layout.vertical", 0.78));
      }
    };
    if (vertical.getHeight() > 200) {
      Platform.runLater(apply);
      return;
    }
    vertical.heightProperty().addListener(new javafx.beans.value.ChangeListener<>() {
      @Override
      public void changed(javafx.beans.value.ObservableValue<? extends Number> o, Number a, Number b) {
        if (b.doubleValue() > 200) {
          vertical.heightProperty().removeListener(this);
          Platform.runLater(apply);
        }
      }
    });
  }

  private static String css(String name) {
    return Objects.requireNonNull(ShellView.class.getResource("/io/platformsandbox/app/" + name), name).toExternalForm();
  }

  private static void applyTheme(boolean dark) {
    Application.setUserAgentStylesheet(dark ? new PrimerDark().getUserAgentStylesheet() : new PrimerLight().getUserAgentStylesheet());
  }

  private void applyZoom(double zoom) {
    root.setStyle(String.format(Locale.ROOT, "-fx-font-size: %.1fpx;", 13 * zoom));
  }

  private void startTimers() {
    int[] tick = {0};
    timer = new Timeline(new KeyFrame(Duration.seconds(1), e -> {
      logModel.drain();
      if (++tick[0] % 2 == 0) {
        session.refresh();
        webhooksModel.poll();
      }
    }));
    timer.setCycleCount(Timeline.INDEFINITE);
    timer.play();
    stage.setOnHidden(e -> timer.stop());
  }

  private double[] dividers(String key, double[] fallback) {
    double[] out = fallback.clone();
    for (int i = 0; i < out.length; i++) {
      out[i] = settings.getDouble(key + "." + i, fallback[i]);
    }
    return out;
  }

  private void restoreWindow(Stage stage) {
    Rectangle2D screen = Screen.getPrimary().getVisualBounds();
    double w = Math.min(settings.getDouble("window.width", 1400), screen.getWidth());
    double h = Math.min(settings.getDouble("window.height", 880), screen.getHeight());
    double x = settings.getDouble("window.x", screen.getMinX() + (screen.getWidth() - w) / 2);
    double y = settings.getDouble("window.y", screen.getMinY() + (screen.getHeight() - h) / 2);
    if (Screen.getScreensForRectangle(x, y, Math.max(w, 1), Math.max(h, 1)).isEmpty()) {
      x = screen.getMinX() + (screen.getWidth() - w) / 2;
      y = screen.getMinY() + (screen.getHeight() - h) / 2;
    }
    stage.setWidth(w);
    stage.setHeight(h);
    stage.setX(x);
    stage.setY(y);
    stage.setMaximized(settings.getBoolean("window.maximized", false));
    stage.setMinWidth(900);
    stage.setMinHeight(560);
  }

  /** Remembers the window's size and place and the panes' layout. */
  public void saveLayout() {
    if (stage == null) {
      return;
    }
    settings.put("window.maximized", stage.isMaximized());
    if (!stage.isMaximized()) {
      settings.put("window.width", stage.getWidth());
      settings.put("window.height", stage.getHeight());
      settings.put("window.x", stage.getX());
      settings.put("window.y", stage.getY());
    }
    if (main.getItems().size() == 3) {
      double[] d = main.getDividerPositions();
      for (int i = 0; i < d.length; i++) {
        settings.put("layout.main." + i, d[i]);
      }
    }
    if (vertical.getItems().size() == 2) {
      settings.put("layout.vertical", vertical.getDividerPositions()[0]);
    }
    settings.put("layout.explorer", showExplorer.isSelected());
    settings.put("layout.inspector", showInspector.isSelected());
    settings.put("layout.dock", showDock.isSelected());
    settings.save();
  }

  // ---- notifications -----------------------------------------------------------------------

  private void popup(Notice n) {
    var icon = switch (n.level()) {
      case ERROR -> Icons.of(Material2AL.ERROR_OUTLINE);
      case WARNING -> Icons.of(Material2MZ.WARNING);
      case SUCCESS -> Icons.of(Material2AL.CHECK_CIRCLE_OUTLINE);
      case INFO -> Icons.of(Material2AL.INFO);
    };
    Notification box = new Notification(n.title() + "\n" + n.message(), icon);
    box.getStyleClass().addAll(Styles.ELEVATED_2, "notice");
    box.getStyleClass().add(switch (n.level()) {
      case ERROR -> Styles.DANGER;
      case WARNING -> Styles.WARNING;
      case SUCCESS -> Styles.SUCCESS;
      case INFO -> Styles.ACCENT;
    });
    box.setPrefWidth(400);
    box.setMaxWidth(400);
    box.setMaxHeight(Region.USE_PREF_SIZE);
    box.setOnClose(e -> notices.getChildren().remove(box));
    notices.getChildren().add(box);
    while (notices.getChildren().size() > 4) {
      notices.getChildren().remove(0);
    }
    PauseTransition later = new PauseTransition(Duration.seconds(n.level() == Notice.Level.ERROR ? 8 : 4));
    later.setOnFinished(e -> notices.getChildren().remove(box));
    later.play();
  }

  // ---- tabs --------------------------------------------------------------------------------

  private Tab openTab(String key, String title, Node icon, Supplier<Node> content) {
    Tab tab = tabs.get(key);
    if (tab == null) {
      tab = new Tab(title, content.get());
      tab.setId("tab-" + key.replaceAll("[^A-Za-z0-9_-]", "_"));
      tab.setGraphic(icon);
      Tooltip tip = new Tooltip(key.contains(":") ? key.substring(key.indexOf(':') + 1) : title);
      tab.setTooltip(tip);
      tabs.put(key, tab);
      centre.getTabs().add(tab);
    }
    centre.getSelectionModel().select(tab);
    return tab;
  }

  public void openWelcome() {
    openTab("welcome", "Welcome", Icons.of(Material2AL.HOME), () -> new WelcomeView(vm, this));
  }

  public void openTraffic() {
    openTab("traffic", "Traffic", Icons.of(Material2MZ.SWAP_VERT), () -> new TrafficView(trafficModel));
  }

  public void openConsole() {
    openTab("console", "API Console", Icons.of(Material2MZ.SEND), () -> new ApiConsoleView(consoleModel));
  }

  /** The event timeline (one tab; its long poll stops when the tab closes). */
  public EventsView openEvents() {
    Tab t = openTab("events", "Events", Icons.of(Material2MZ.TIMELINE), () -> {
      eventsModel.start();
      return new EventsView(eventsModel, session);
    });
    if (t.getOnClosed() == null) {
      t.setOnClosed(e -> eventsModel.stop());
    }
    return (EventsView) t.getContent();
  }

  /** Webhooks and deliveries (one tab; polled every two seconds while it is the selected tab). */
  public WebhooksView openWebhooks() {
    Tab t = openTab("webhooks", "Webhooks", Icons.of(Material2AL.CALL_SPLIT), () -> new WebhooksView(webhooksModel, session));
    if (t.getOnClosed() == null) {
      webhooksModel.activeProperty().bind(t.selectedProperty());
      t.setOnClosed(e -> {
        webhooksModel.activeProperty().unbind();
        webhooksModel.activeProperty().set(false);
      });
      webhooksModel.reload();
    }
    return (WebhooksView) t.getContent();
  }

  private void triggerEvent() {
    openEvents().openTrigger();
  }

  /** Asks how far to move the sandbox clock, then moves it: due webhook retries fire. */
  public FormDialog advanceClock() {
    FormDialog f = new FormDialog(stage, "advance-clock", "Advance clock", "Move the sandbox clock forward: tokens past their expiry are refused and due webhook retries fire.", "Advance");
    javafx.scene.control.TextField seconds = f.text("seconds", "Seconds", "3600", webhooksModel.advanceSecondsProperty().get());
    f.onSubmit(d -> {
      webhooksModel.advanceSecondsProperty().set(seconds.getText().strip());
      webhooksModel.advanceClock(d::close, e -> Dialogs.showApiError(d, e));
    });
    f.show();
    return f;
  }

  private FormDialog saveSnapshot() {
    FormDialog f = new FormDialog(stage, "save-snapshot", "Save snapshot", "Save the whole sandbox state (tenants, apps, records, files, events, webhooks) under a name.", "Save");
    javafx.scene.control.TextField name = f.text("name", "Name", "before-demo", "");
    f.onSubmit(d -> session.saveSnapshot(name.getText().strip(), d::close, e -> Dialogs.showApiError(d, e)));
    f.show();
    return f;
  }

  private void restoreSnapshot() {
    session.listSnapshots(
        names -> {
          FormDialog f = new FormDialog(stage, "restore-snapshot", "Restore snapshot",
              names.isEmpty() ? "No snapshot is saved yet: use Save Snapshot first." : "Replace the whole sandbox state with a saved snapshot.", "Restore");
          javafx.scene.control.ComboBox<String> choice = new javafx.scene.control.ComboBox<>(javafx.collections.FXCollections.observableArrayList(names));
          if (!names.isEmpty()) {
            choice.getSelectionModel().select(names.size() - 1);
          }
          f.add("name", "Snapshot", choice);
          f.onSubmit(d -> {
            String picked = choice.getValue();
            if (picked == null) {
              d.showErrors(java.util.Map.of("name", "pick a snapshot"));
              return;
            }
            session.restoreSnapshot(picked, () -> {
              d.close();
              centre.getTabs().removeIf(t -> tabs.entrySet().stream().anyMatch(e -> e.getValue() == t && e.getKey().startsWith("records:")));
              trafficModel.clear();
            }, e -> Dialogs.showApiError(d, e));
          });
          f.show();
        });
  }

  public RecordsView openRecords(CollectionInfo c) {
    Tab t = openTab(
        "records:" + c.tenant() + "/" + c.name(),
        c.name(),
        Icons.of(Material2MZ.TABLE_CHART),
        () -> new RecordsView(new RecordsViewModel(session, executor, notifications, c)));
    return (RecordsView) t.getContent();
  }

  /** Opens {@code file} in the code editor (one tab per file). */
  public CodeEditorView openEditor(Path file) {
    Tab t = openTab("file:" + file, file.getFileName().toString(), Icons.of(Material2AL.INSERT_DRIVE_FILE),
        () -> new CodeEditorView(new CodeEditorViewModel(file, executor, notifications, fileProblems)));
    return (CodeEditorView) t.getContent();
  }

  /** Opens a problem's file with the caret on its line (Problems dock). */
  public void openProblem(FileProblem problem) {
    if (!Files.isRegularFile(problem.file())) {
      return;
    }
    CodeEditorView view = openEditor(problem.file());
    if (view.viewModel().loadedProperty().get()) {
      view.goToLine(problem.line());
    } else {
      view.viewModel().loadedProperty().addListener(new javafx.beans.value.ChangeListener<>() {
        @Override
        public void changed(javafx.beans.value.ObservableValue<? extends Boolean> o, Boolean a, Boolean b) {
          if (b) {
            o.removeListener(this);
            Platform.runLater(() -> view.goToLine(problem.line()));
          }
        }
      });
    }
  }

  private void closeTab() {
    Tab t = centre.getSelectionModel().getSelectedItem();
    if (t != null && t.isClosable()) {
      centre.getTabs().remove(t);
    }
  }

  public TabPane centre() {
    return centre;
  }

  public ExplorerView explorer() {
    return explorer;
  }

  /** The problems of the files open in editors (the Problems dock lists them). */
  public FileProblems fileProblems() {
    return fileProblems;
  }

  private void showDockTab(Tab t) {
    showDock.setSelected(true);
    dock.getSelectionModel().select(t);
  }

  private void open(ExplorerNode node) {
    switch (node.kind()) {
      case COLLECTION -> openRecords((CollectionInfo) node.payload());
      case FILE -> {
        Path p = (Path) node.payload();
        if (Files.isRegularFile(p)) {
          openEditor(p);
        }
      }
      case PLUGIN -> openEditor(((PluginInfo) node.payload()).dir().resolve("plugin.yaml"));
      case MARKETPLACE -> openMarketplace();
      case APP -> consoleAs((AppInfo) node.payload());
      case TOPICS -> {
        openEvents();
        eventsModel.show(((TenantInfo) node.payload()).id(), TopicInfo.PLATFORM);
      }
      case TOPIC -> {
        TopicInfo t = (TopicInfo) node.payload();
        openEvents();
        eventsModel.show(t.tenant(), t.name());
      }
      case WEBHOOKS -> {
        openWebhooks();
        webhooksModel.tenantProperty().set(((TenantInfo) node.payload()).id());
      }
      case WEBHOOK -> {
        WebhookInfo w = (WebhookInfo) node.payload();
        openWebhooks();
        webhooksModel.show(w.tenant(), w.id());
      }
      default -> {}
    }
  }

  private void consoleAs(AppInfo app) {
    consoleModel.authAsProperty().set(app);
    openConsole();
  }

  // ---- plugins -----------------------------------------------------------------------------

  /** Runs a plugin of the workspace in the picked tenant; its console opens in the dock. */
  public PluginConsoleViewModel runPlugin(PluginInfo plugin) {
    PluginConsoleViewModel c = pluginsModel.run(plugin);
    if (c != null && consoleTabs.containsKey(c)) {
      showDockTab(consoleTabs.get(c));
    }
    return c;
  }

  public void stopPlugin(PluginInfo selected) {
    pluginsModel.stop(pluginsModel.stopTarget(selected));
  }

  /** Validates a plugin in its report tab (one per plugin; validating again reuses it). */
  public ValidationView validatePlugin(PluginInfo plugin) {
    if (plugin == null) {
      notifications.post(Notice.warning("Validate plugin", "Select a plugin in the explorer first (Workspace ▸ Plugins)."));
      return null;
    }
    ValidationViewModel[] model = new ValidationViewModel[1];
    Tab t = openTab("validation:" + plugin.dir(), "Validation — " + plugin.label(), Icons.of(Material2MZ.RULE), () -> {
      model[0] = new ValidationViewModel(plugin, executor, notifications);
      return new ValidationView(model[0], this::openFile);
    });
    ValidationView view = (ValidationView) t.getContent();
    if (model[0] != null) {
      t.setUserData(model[0]);
      t.setOnClosed(e -> ((ValidationViewModel) t.getUserData()).cancel());
    }
    ValidationViewModel vm = (ValidationViewModel) t.getUserData();
    if (vm.runningBinding().get()) {
      notifications.post(Notice.info("Validate " + plugin.label(), "A validation of " + plugin.label() + " is already running."));
    } else {
      vm.start();
    }
    return view;
  }

  /** Runs {@code whenDone} once the plugin's validation (started now, in its report tab) has ended. */
  private void validateThen(PluginInfo plugin, Runnable whenDone) {
    validatePlugin(plugin);
    Tab t = tabs.get("validation:" + plugin.dir());
    ValidationViewModel vm = t == null ? null : (ValidationViewModel) t.getUserData();
    if (vm == null || !vm.runningBinding().get()) {
      whenDone.run();
      return;
    }
    vm.stateProperty().addListener(new javafx.beans.value.ChangeListener<>() {
      @Override
      public void changed(javafx.beans.value.ObservableValue<? extends ValidationViewModel.State> o, ValidationViewModel.State a, ValidationViewModel.State b) {
        if (b != ValidationViewModel.State.RUNNING) {
          o.removeListener(this);
          whenDone.run();
        }
      }
    });
  }

  /** Opens Package and Publish for a plugin of the workspace (not modal). */
  public PublishDialog publishPlugin(PluginInfo plugin) {
    if (plugin == null) {
      notifications.post(Notice.warning("Package and publish", "Select a plugin in the explorer first (Workspace ▸ Plugins)."));
      return null;
    }
    PublishDialog d = new PublishDialog(stage, marketplaceModel.publishModel(plugin, this::validateThen), this::openMarketplace);
    d.show();
    return d;
  }

  /** The workspace marketplace (one tab; re-read each time it is opened). */
  public MarketplaceView openMarketplace() {
    Tab t = openTab("marketplace", "Marketplace", Icons.of(Material2MZ.STOREFRONT), () -> new MarketplaceView(marketplaceModel, vm.liveBinding(), this::install));
    marketplaceModel.reload();
    return (MarketplaceView) t.getContent();
  }

  /** Asks for the tenant, then installs a marketplace version there and runs it. */
  public FormDialog install(MarketplaceEntry entry) {
    if (entry == null) {
      return null;
    }
    FormDialog f = new FormDialog(stage, "install-plugin", "Install " + entry.coordinates(),
        "Verifies the bundle again, unpacks it into " + marketplaceModel.installDir(entry)
            + " and runs it in the tenant you pick (a new tenant gets the plugin's fixtures).", "Install and Run");
    ComboBox<String> tenant = new ComboBox<>(javafx.collections.FXCollections.observableArrayList(session.tenants().stream().map(TenantInfo::id).toList()));
    tenant.setEditable(true);
    tenant.setValue(marketplaceModel.defaultTenant());
    tenant.setMaxWidth(Double.MAX_VALUE);
    f.add("tenant", "Tenant", tenant);
    f.onSubmit(d -> {
      String picked = tenant.getEditor().getText() == null ? "" : tenant.getEditor().getText().strip();
      if (picked.isEmpty()) {
        d.showErrors(Map.of("tenant", "pick a tenant, or type a new one"));
        return;
      }
      d.close();
      marketplaceModel.install(entry, picked);
    });
    f.show();
    return f;
  }

  private void consoleTab(PluginConsoleViewModel c) {
    Tab tab = new Tab();
    tab.textProperty().bind(c.labelProperty());
    tab.setId("dock-plugin-" + c.label().replaceAll("[^A-Za-z0-9_-]", "_"));
    tab.setContent(new PluginConsoleView(c, pluginsModel));
    Runnable look = () -> tab.setGraphic(Icons.of(PluginConsoleView.icon(c.state()), PluginConsoleView.styleClass(c.state())));
    c.stateProperty().addListener((o, a, b) -> look.run());
    look.run();
    tab.closableProperty().bind(c.activeBinding().not());
    tab.setTooltip(new Tooltip(c.dir().toString()));
    tab.setOnClosed(e -> pluginsModel.remove(c));
    consoleTabs.put(c, tab);
    dock.getTabs().add(tab);
  }

  private void showPluginConsole() {
    PluginConsoleViewModel c = pluginsModel.selectedConsoleProperty().get();
    if (c == null && !pluginsModel.consoles().isEmpty()) {
      c = pluginsModel.consoles().get(pluginsModel.consoles().size() - 1);
    }
    if (c == null) {
      notifications.post(Notice.info("Plugin console", "No plugin has run yet: Run Plugin (" + action("run-plugin").shortcut().getDisplayText() + ") opens one."));
      return;
    }
    showDockTab(consoleTabs.get(c));
  }

  /** Where "Open report.html" goes: the desktop's browser (HostServices) when the application gives one. */
  public void setBrowser(Consumer<String> browser) {
    this.browser = browser;
  }

  private void openFile(Path file) {
    if (browser != null) {
      browser.accept(file.toUri().toString());
    } else {
      copy(file.toString());
    }
  }

  /**
   * Closes the window; running plugins stop first (in the background, the window stays responsive),
   * then it closes.
   */
  public void requestClose() {
    if (!pluginsModel.hasActive()) {
      saveLayout();
      stage.close();
      return;
    }
    notifications.info("Stopping plugins", "Running plugins get SIGTERM (and a kill after 10 s); the window closes when they have stopped.");
    pluginsModel.stopAll(() -> {
      saveLayout();
      stage.close();
    });
  }

  public PluginsViewModel plugins() {
    return pluginsModel;
  }

  // ---- dialogs -----------------------------------------------------------------------------

  public FormDialog newTenant() {
    FormDialog d = Dialogs.newTenant(stage, session);
    d.show();
    return d;
  }

  public FormDialog newApp(String tenant) {
    FormDialog d = Dialogs.newApp(stage, session, tenant, a -> explorerModel.find("app:" + a.clientId()));
    d.show();
    return d;
  }

  public FormDialog newCollection(String tenant) {
    FormDialog d = Dialogs.newCollection(stage, session, explorerModel, tenant, c -> {
      openRecords(c);
      ExplorerNode n = explorerModel.find("collection:" + c.tenant() + ":" + c.name());
      if (n != null) {
        explorer.select(n);
      }
    });
    d.show();
    return d;
  }

  private void reset() {
    if (Dialogs.confirm(stage, "Reset the sandbox?", "Every tenant, app, collection, record and file is deleted, and the traffic log is cleared.", "Reset")) {
      session.reset(() -> {
        centre.getTabs().removeIf(t -> tabs.entrySet().stream().anyMatch(e -> e.getValue() == t && e.getKey().startsWith("records:")));
        trafficModel.clear();
      });
    }
  }

  private void openWorkspace() {
    DirectoryChooser chooser = new DirectoryChooser();
    chooser.setTitle("Open workspace");
    Path current = session.workspaceProperty().get();
    if (current != null && Files.isDirectory(current)) {
      chooser.setInitialDirectory(current.toFile());
    }
    var dir = chooser.showDialog(stage);
    if (dir != null) {
      vm.openWorkspace(dir.toPath());
    }
  }

  private void connect() {
    Dialogs.connect(stage, session.status() == SandboxStatus.CONNECTED ? session.apiUrlProperty().get() : null).ifPresent(vm::connect);
  }

  private void copy(String text) {
    ClipboardContent c = new ClipboardContent();
    c.putString(text);
    Clipboard.getSystemClipboard().setContent(c);
    notifications.info("Copied", text.length() > 60 ? text.substring(0, 60) + "…" : text);
  }

  private ExplorerActions explorerActions() {
    return new ExplorerActions() {
      @Override
      public void newTenant() {
        ShellView.this.newTenant();
      }

      @Override
      public void newApp(String tenant) {
        ShellView.this.newApp(tenant);
      }

      @Override
      public void newCollection(String tenant) {
        ShellView.this.newCollection(tenant);
      }

      @Override
      public void deleteTenant(String tenant) {
        if (Dialogs.confirm(stage, "Delete tenant " + tenant + "?", "Its apps, collections, records and files are deleted.", "Delete")) {
          session.deleteTenant(tenant);
        }
      }

      @Override
      public void deleteApp(AppInfo app) {
        if (Dialogs.confirm(stage, "Delete app " + app.name() + "?", "Its tokens stop working at once.", "Delete")) {
          session.deleteApp(app);
        }
      }

      @Override
      public void useInConsole(AppInfo app) {
        consoleAs(app);
      }

      @Override
      public void copy(String text) {
        ShellView.this.copy(text);
      }

      @Override
      public void runPlugin(PluginInfo plugin) {
        ShellView.this.runPlugin(plugin);
      }

      @Override
      public void stopPlugin(PluginInfo plugin) {
        ShellView.this.stopPlugin(plugin);
      }

      @Override
      public void validatePlugin(PluginInfo plugin) {
        ShellView.this.validatePlugin(plugin);
      }

      @Override
      public void publishPlugin(PluginInfo plugin) {
        ShellView.this.publishPlugin(plugin);
      }
    };
  }

  private void showShortcuts() {
    StringBuilder sb = new StringBuilder();
    for (Action a : actions.values()) {
      if (a.shortcut() != null) {
        sb.append(String.format(Locale.ROOT, "%-28s %s%n", a.text().replace("…", ""), a.shortcut().getDisplayText()));
      }
    }
    sb.append(String.format(Locale.ROOT, "%-28s %s%n", "Explorer / Inspector / Dock", "Ctrl+1 / Ctrl+2 / Ctrl+3"));
    sb.append(String.format(Locale.ROOT, "%-28s %s%n", "Send request (API console)", "Ctrl+Enter"));
    javafx.scene.control.Alert a = new javafx.scene.control.Alert(javafx.scene.control.Alert.AlertType.INFORMATION);
    a.initOwner(stage);
    a.setTitle("Keyboard shortcuts");
    a.setHeaderText("Keyboard shortcuts");
    javafx.scene.control.TextArea text = new javafx.scene.control.TextArea(sb.toString());
    text.setEditable(false);
    text.getStyleClass().add("mono");
    text.setPrefRowCount(Math.min(24, actions.size() + 2));
    text.setPrefColumnCount(48);
    a.getDialogPane().setContent(text);
    a.show();
  }

  private void about() {
    javafx.scene.control.Alert a = new javafx.scene.control.Alert(javafx.scene.control.Alert.AlertType.INFORMATION);
    a.initOwner(stage);
    a.setTitle("About Platform Sandbox");
    a.setHeaderText("Platform Sandbox " + session.versionProperty().get());
    a.setContentText("The platform's APIs, data, events and rules on your machine, offline.\n\nJava " + System.getProperty("java.version") + " · JavaFX " + System.getProperty("javafx.runtime.version"));
    a.show();
  }

  /** For tests: the root node. */
  public BorderPane root() {
    return root;
  }

  List<Action> actions() {
    return List.copyOf(actions.values());
  }
}
