package io.platformsandbox.app.explorer;

import atlantafx.base.theme.Styles;
import atlantafx.base.theme.Tweaks;
import io.platformsandbox.app.model.AppInfo;
import io.platformsandbox.app.model.PluginInfo;
import io.platformsandbox.app.model.TenantInfo;
import io.platformsandbox.app.shell.Icons;
import java.util.IdentityHashMap;
import java.util.Map;
import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.Tooltip;
import javafx.scene.control.TreeCell;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeView;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.HBox;
import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.material2.Material2AL;
import org.kordamp.ikonli.material2.Material2MZ;

/** The explorer tree: workspace files and plugins, and the platform's resources, kept live. */
public final class ExplorerView extends TreeView<ExplorerNode> {
  private final ExplorerViewModel vm;
  private final ExplorerActions actions;
  private final Map<ExplorerNode, TreeItem<ExplorerNode>> items = new IdentityHashMap<>();

  public ExplorerView(ExplorerViewModel vm, ExplorerActions actions) {
    this.vm = vm;
    this.actions = actions;
    setId("explorer");
    getStyleClass().addAll(Tweaks.EDGE_TO_EDGE, Styles.DENSE, "explorer");
    TreeItem<ExplorerNode> root = item(vm.root());
    setRoot(root);
    setShowRoot(false);
    item(vm.platformNode()).setExpanded(true);
    item(vm.workspaceNode()).setExpanded(true);
    setCellFactory(t -> new NodeCell());
    getSelectionModel().selectedItemProperty().addListener((o, a, b) -> vm.selectedProperty().set(b == null ? null : b.getValue()));
    setOnKeyPressed(e -> {
      if (e.getCode() == KeyCode.ENTER && getSelectionModel().getSelectedItem() != null) {
        vm.open(getSelectionModel().getSelectedItem().getValue());
      }
    });
  }

  /** The tree item of a node (made on first use), whose children follow the node's. */
  public TreeItem<ExplorerNode> item(ExplorerNode node) {
    TreeItem<ExplorerNode> existing = items.get(node);
    if (existing != null) {
      return existing;
    }
    TreeItem<ExplorerNode> item = new TreeItem<>(node);
    items.put(node, item);
    sync(item, node);
    node.children().addListener((ListChangeListener<ExplorerNode>) c -> sync(item, node));
    item.expandedProperty().addListener((o, a, b) -> {
      if (b) {
        vm.expand(node);
      }
    });
    if (node.kind() == ExplorerNode.Kind.PLUGINS) {
      item.setExpanded(true);
    }
    if (node.kind() == ExplorerNode.Kind.TENANT || node.kind() == ExplorerNode.Kind.COLLECTIONS || node.kind() == ExplorerNode.Kind.APPS) {
      item.setExpanded(node.kind() != ExplorerNode.Kind.TENANT || vm.platformNode().children().size() <= 3);
    }
    return item;
  }

  private void sync(TreeItem<ExplorerNode> item, ExplorerNode node) {
    var kids = node.children().stream().map(this::item).toList();
    if (!item.getChildren().equals(kids)) {
      item.getChildren().setAll(kids);
    }
  }

  /** Selects and reveals a node. */
  public void select(ExplorerNode node) {
    TreeItem<ExplorerNode> item = items.get(node);
    if (item != null) {
      for (TreeItem<ExplorerNode> p = item.getParent(); p != null; p = p.getParent()) {
        p.setExpanded(true);
      }
      getSelectionModel().select(item);
      scrollTo(getRow(item));
    }
  }

  static Ikon icon(ExplorerNode.Kind kind) {
    return switch (kind) {
      case WORKSPACE -> Material2AL.FOLDER_SPECIAL;
      case FOLDER -> Material2AL.FOLDER;
      case FILE -> Material2AL.INSERT_DRIVE_FILE;
      case PLUGINS, PLUGIN -> Material2AL.EXTENSION;
      case MARKETPLACE -> Material2MZ.STOREFRONT;
      case PLATFORM -> Material2AL.CLOUD_QUEUE;
      case TENANT -> Material2AL.BUSINESS;
      case APPS -> Material2AL.APPS;
      case APP -> Material2MZ.VPN_KEY;
      case COLLECTIONS -> Material2MZ.STORAGE;
      case COLLECTION -> Material2MZ.TABLE_CHART;
      case FILES -> Material2AL.FOLDER_OPEN;
      case STORED_FILE -> Material2AL.DESCRIPTION;
      case TOPICS -> Material2MZ.TIMELINE;
      case TOPIC -> Material2MZ.TOPIC;
      case WEBHOOKS, WEBHOOK -> Material2AL.CALL_SPLIT;
      case NOTE -> Material2AL.INFO;
    };
  }

  private final class NodeCell extends TreeCell<ExplorerNode> {
    private final Label label = new Label();
    private final Label detail = new Label();
    private final HBox box = new HBox(6, label, detail);

    NodeCell() {
      detail.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_MUTED);
      box.setAlignment(Pos.CENTER_LEFT);
      setOnMouseClicked(e -> {
        if (e.getClickCount() == 2 && getItem() != null) {
          vm.open(getItem());
        }
      });
    }

    @Override
    protected void updateItem(ExplorerNode node, boolean empty) {
      super.updateItem(node, empty);
      label.textProperty().unbind();
      detail.textProperty().unbind();
      getStyleClass().removeIf(s -> s.startsWith("kind-") || s.equals("invalid"));
      if (empty || node == null) {
        setGraphic(null);
        setText(null);
        setContextMenu(null);
        setTooltip(null);
        setId(null);
        return;
      }
      setId("node-" + node.id().replaceAll("[^A-Za-z0-9_-]", "_"));
      getStyleClass().add("kind-" + node.kind().name().toLowerCase(java.util.Locale.ROOT));
      label.textProperty().bind(node.labelProperty());
      detail.textProperty().bind(node.detailProperty());
      boolean invalid = node.payload() instanceof PluginInfo p && !p.isValid();
      label.setGraphic(Icons.of(invalid ? Material2AL.ERROR_OUTLINE : icon(node.kind()), "kind-icon"));
      if (invalid) {
        getStyleClass().add("invalid");
      }
      setTooltip(node.payload() instanceof PluginInfo p ? new Tooltip(tooltip(p)) : null);
      setText(null);
      setGraphic(box);
      setContextMenu(menu(node));
    }
  }

  private static String tooltip(PluginInfo p) {
    if (p.isValid()) {
      return p.name() + " " + p.version() + "\n" + p.dir();
    }
    return "plugin.yaml" + (p.problemLine() > 0 ? ":" + p.problemLine() : "") + ": " + p.problem()
        + (p.problemCount() > 1 ? "\n(and " + (p.problemCount() - 1) + " more)" : "") + "\n" + p.dir();
  }

  private ContextMenu menu(ExplorerNode node) {
    ContextMenu m = new ContextMenu();
    switch (node.kind()) {
      case PLUGIN -> {
        PluginInfo p = (PluginInfo) node.payload();
        m.getItems().addAll(
            item("Run plugin", Material2MZ.PLAY_ARROW, () -> actions.runPlugin(p)),
            item("Stop plugin", Material2MZ.STOP, () -> actions.stopPlugin(p)),
            item("Validate plugin", Material2MZ.RULE, () -> actions.validatePlugin(p)),
            item("Package and publish…", Material2MZ.PUBLISH, () -> actions.publishPlugin(p)),
            new SeparatorMenuItem(),
            item("Open plugin.yaml", Material2AL.EDIT, () -> vm.open(node)));
      }
      case PLATFORM -> m.getItems().add(item("New tenant…", Material2AL.ADD, actions::newTenant));
      case MARKETPLACE -> m.getItems().add(item("Open marketplace", Material2MZ.STOREFRONT, () -> vm.open(node)));
      case TOPICS, TOPIC -> m.getItems().add(item("Show events", Material2MZ.TIMELINE, () -> vm.open(node)));
      case WEBHOOKS, WEBHOOK -> m.getItems().add(item("Show deliveries", Material2AL.CALL_SPLIT, () -> vm.open(node)));
      case TENANT, APPS, COLLECTIONS, FILES -> {
        String tenant = ((TenantInfo) node.payload()).id();
        m.getItems().addAll(
            item("New app…", Material2MZ.VPN_KEY, () -> actions.newApp(tenant)),
            item("New collection…", Material2MZ.TABLE_CHART, () -> actions.newCollection(tenant)));
        if (node.kind() == ExplorerNode.Kind.TENANT) {
          m.getItems().addAll(new SeparatorMenuItem(), item("Delete tenant…", Material2AL.DELETE_OUTLINE, () -> actions.deleteTenant(tenant)));
        }
      }
      case APP -> {
        AppInfo a = (AppInfo) node.payload();
        m.getItems().addAll(
            item("Use in API console", Material2MZ.SEND, () -> actions.useInConsole(a)),
            item("Copy client id", Material2AL.CONTENT_COPY, () -> actions.copy(a.clientId())),
            item("Copy client secret", Material2AL.CONTENT_COPY, () -> actions.copy(a.clientSecret())),
            new SeparatorMenuItem(),
            item("Delete app…", Material2AL.DELETE_OUTLINE, () -> actions.deleteApp(a)));
      }
      case COLLECTION -> m.getItems().add(item("Open records", Material2MZ.TABLE_CHART, () -> vm.open(node)));
      case FILE -> m.getItems().add(item("Open in editor", Material2AL.EDIT, () -> vm.open(node)));
      default -> {
        return null;
      }
    }
    m.getItems().addAll(new SeparatorMenuItem(), item("Refresh", Material2MZ.REFRESH, vm::refresh));
    return m;
  }

  private static MenuItem item(String text, Ikon icon, Runnable r) {
    MenuItem i = new MenuItem(text, Icons.of(icon));
    i.setOnAction(e -> r.run());
    return i;
  }
}
