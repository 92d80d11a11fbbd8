package io.platformsandbox.app.explorer;

import io.platformsandbox.app.core.BackgroundExecutor;
import io.platformsandbox.app.core.Notifications;
import io.platformsandbox.app.http.PlatformClient;
import io.platformsandbox.app.model.AppInfo;
import io.platformsandbox.app.model.CollectionInfo;
import io.platformsandbox.app.model.FileInfo;
import io.platformsandbox.app.model.PluginInfo;
import io.platformsandbox.app.model.TenantInfo;
import io.platformsandbox.app.model.TopicInfo;
import io.platformsandbox.app.model.WebhookInfo;
import io.platformsandbox.app.plugins.PluginFolders;
import io.platformsandbox.app.session.SandboxSession;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;

/**
 * The explorer: the workspace's files and plugins, and the platform's tenants with their apps,
 * collections, files, topics and webhooks, kept live from the session (tenants and apps) and from the traffic
 * (a write that changes a tenant's collections, files, topics or webhooks reloads them). The workspace
 * is re-read when its files change (a {@link WorkspaceWatcher}) and on Refresh; each plugin shows its
 * id and version, or the first error of its manifest.
 *
 * <p>Threading: JavaFX thread; platform and disk reads through the {@link BackgroundExecutor}.
 */
public final class ExplorerViewModel {
  private static final Set<String> SKIPPED = PluginFolders.SKIPPED;
  private static final int DETAIL_MAX = 40;

  private final SandboxSession session;
  private final BackgroundExecutor executor;
  private final Notifications notifications;
  private final Map<String, ExplorerNode> nodes = new HashMap<>();
  private final ExplorerNode root = new ExplorerNode("root", ExplorerNode.Kind.NOTE);
  private final ExplorerNode workspace;
  private final ExplorerNode pluginsNode;
  private final ExplorerNode marketplaceNode;
  private final ExplorerNode platform;
  private final Map<String, TenantData> loaded = new HashMap<>();
  private final Set<String> loading = new HashSet<>();
  private final ObjectProperty<ExplorerNode> selected = new SimpleObjectProperty<>();
  private final ObservableList<PluginInfo> plugins = FXCollections.observableArrayList();
  private final ReadOnlyObjectWrapper<PluginInfo> selectedPlugin = new ReadOnlyObjectWrapper<>();
  private WorkspaceWatcher watcher;
  private boolean watching = true;
  private Consumer<ExplorerNode> opener = n -> {};

  private record TenantData(List<CollectionInfo> collections, List<FileInfo> files, List<TopicInfo> topics, List<WebhookInfo> webhooks) {}

  public ExplorerViewModel(SandboxSession session, BackgroundExecutor executor, Notifications notifications) {
    this.session = session;
    this.executor = executor;
    this.notifications = notifications;
    workspace = node("workspace", ExplorerNode.Kind.WORKSPACE).update("Workspace", "", null);
    pluginsNode = node("plugins", ExplorerNode.Kind.PLUGINS).update("Plugins", "", null);
    marketplaceNode = node("marketplace", ExplorerNode.Kind.MARKETPLACE).update("Marketplace", "published plugins", null);
    platform = node("platform", ExplorerNode.Kind.PLATFORM).update("Platform", "not running", null);
    root.children().setAll(workspace, platform);
    session.tenants().addListener((ListChangeListener<TenantInfo>) c -> syncPlatform());
    session.apps().addListener((ListChangeListener<AppInfo>) c -> syncPlatform());
    session.apiUrlProperty().addListener((o, a, b) -> {
      loaded.clear();
      syncPlatform();
    });
    session.statusProperty().addListener((o, a, b) -> syncPlatform());
    session.workspaceProperty().addListener((o, a, b) -> {
      watch(b);
      refreshWorkspace();
    });
    session.onCollectionsChanged(this::reloadTenant);
    selected.addListener((o, a, b) -> selectedPlugin.set(pluginOf(b)));
    syncPlatform();
    watch(session.workspaceProperty().get());
    refreshWorkspace();
  }

  /** Whether the workspace is watched for changes (tests that drive refreshes by hand turn it off). */
  public void setWatching(boolean on) {
    watching = on;
    watch(on ? session.workspaceProperty().get() : null);
  }

  private void watch(Path dir) {
    if (watcher != null) {
      watcher.close();
      watcher = null;
    }
    if (dir != null && watching) {
      watcher = WorkspaceWatcher.start(dir, () -> executor.runOnUiThread(() -> {
        if (dir.equals(session.workspaceProperty().get())) {
          refreshWorkspace();
        }
      }));
    }
  }

  /** Stops watching the workspace. */
  public void close() {
    watching = false;
    watch(null);
  }

  /** The workspace's plugins (folders with a plugin.yaml), as last read. */
  public ObservableList<PluginInfo> plugins() {
    return plugins;
  }

  /** The plugin the selection is in: a plugin node, or a file or folder inside a plugin's folder. */
  public ReadOnlyObjectProperty<PluginInfo> selectedPluginProperty() {
    return selectedPlugin.getReadOnlyProperty();
  }

  /**
   * The plugin an action without an argument acts on: the selected one, else the only plugin of the
   * workspace; null when that is ambiguous.
   */
  public PluginInfo targetPlugin() {
    if (selectedPlugin.get() != null) {
      return selectedPlugin.get();
    }
    return plugins.size() == 1 ? plugins.get(0) : null;
  }

  private PluginInfo pluginOf(ExplorerNode node) {
    if (node == null) {
      return null;
    }
    if (node.payload() instanceof PluginInfo p) {
      return plugins.stream().filter(x -> x.dir().equals(p.dir())).findFirst().orElse(p);
    }
    if (node.payload() instanceof Path path && (node.kind() == ExplorerNode.Kind.FILE || node.kind() == ExplorerNode.Kind.FOLDER)) {
      // The deepest plugin folder that holds the path: a plugin's files act for the plugin.
      return plugins.stream()
          .filter(p -> path.startsWith(p.dir()))
          .max(Comparator.comparingInt(p -> p.dir().getNameCount()))
          .orElse(null);
    }
    return null;
  }

  public ExplorerNode root() {
    return root;
  }

  public ExplorerNode workspaceNode() {
    return workspace;
  }

  public ExplorerNode platformNode() {
    return platform;
  }

  public ObjectProperty<ExplorerNode> selectedProperty() {
    return selected;
  }

  /** Who opens a node on double-click (the shell: a records tab, an editor tab). */
  public void setOpener(Consumer<ExplorerNode> opener) {
    this.opener = opener;
  }

  public void open(ExplorerNode node) {
    if (node != null) {
      opener.accept(node);
    }
  }

  public ExplorerNode find(String id) {
    return nodes.get(id);
  }

  private ExplorerNode node(String id, ExplorerNode.Kind kind) {
    return nodes.computeIfAbsent(id, k -> new ExplorerNode(id, kind));
  }

  /** The view calls this when the user expands a node: loads what is behind it. */
  public void expand(ExplorerNode node) {
    if (node.kind() == ExplorerNode.Kind.TENANT) {
      ensureLoaded(((TenantInfo) node.payload()).id());
    } else if (node.kind() == ExplorerNode.Kind.FOLDER && node.isLazy()) {
      listFolder(node);
    }
  }

  /** Reloads everything: workspace from disk, tenants and apps, collections of loaded tenants. */
  public void refresh() {
    refreshWorkspace();
    session.refresh();
    new ArrayList<>(loaded.keySet()).forEach(this::reloadTenant);
  }

  // ---- platform ----------------------------------------------------------------------------

  private void syncPlatform() {
    if (!session.status().isLive()) {
      platform.update("Platform", session.status().label().toLowerCase(java.util.Locale.ROOT), null);
      platform.children().clear();
      return;
    }
    platform.update("Platform", session.apiUrlProperty().get(), null);
    List<ExplorerNode> tenantNodes = new ArrayList<>();
    for (TenantInfo t : session.tenants()) {
      ExplorerNode tn = node("tenant:" + t.id(), ExplorerNode.Kind.TENANT).update(t.id(), t.name(), t);
      List<AppInfo> apps = session.apps().stream().filter(a -> a.tenant().equals(t.id())).toList();
      ExplorerNode appsNode = node("apps:" + t.id(), ExplorerNode.Kind.APPS).update("Apps", count(apps.size()), t);
      appsNode.children().setAll(
          apps.stream()
              .sorted(Comparator.comparing(AppInfo::isWorkbench).thenComparing(AppInfo::name))
              .map(a -> node("app:" + a.clientId(), ExplorerNode.Kind.APP).update(a.name(), a.isWorkbench() ? "built-in" : a.scopes().size() + " scopes", a))
              .toList());
      ExplorerNode cols = node("collections:" + t.id(), ExplorerNode.Kind.COLLECTIONS);
      ExplorerNode files = node("files:" + t.id(), ExplorerNode.Kind.FILES);
      ExplorerNode topics = node("topics:" + t.id(), ExplorerNode.Kind.TOPICS);
      ExplorerNode hooks = node("webhooks:" + t.id(), ExplorerNode.Kind.WEBHOOKS);
      TenantData data = loaded.get(t.id());
      if (data == null) {
        cols.update("Collections", "", t);
        files.update("Files", "", t);
        topics.update("Topics", "", t);
        hooks.update("Webhooks", "", t);
        tn.setLazy(true);
      } else {
        cols.update("Collections", count(data.collections().size()), t);
        cols.children().setAll(
            data.collections().stream()
                .map(c -> node("collection:" + t.id() + ":" + c.name(), ExplorerNode.Kind.COLLECTION).update(c.name(), c.fields().size() + " fields", c))
                .toList());
        files.update("Files", count(data.files().size()), t);
        files.children().setAll(
            data.files().stream()
                .map(f -> node("file:" + t.id() + ":" + f.path(), ExplorerNode.Kind.STORED_FILE).update(f.path(), size(f.size()), f))
                .toList());
        topics.update("Topics", count(data.topics().size()), t);
        topics.children().setAll(
            data.topics().stream()
                .map(tp -> node("topic:" + t.id() + ":" + tp.name(), ExplorerNode.Kind.TOPIC).update(tp.name(), tp.isPlatform() ? "platform events" : "", tp))
                .toList());
        hooks.update("Webhooks", count(data.webhooks().size()), t);
        hooks.children().setAll(
            data.webhooks().stream()
                .map(w -> node("webhook:" + w.id(), ExplorerNode.Kind.WEBHOOK).update(w.url(), w.events().size() == 1 ? w.events().get(0) : w.events().size() + " event types", w))
                .toList());
        tn.setLazy(false);
      }
      tn.children().setAll(appsNode, cols, files, topics, hooks);
      tenantNodes.add(tn);
    }
    if (tenantNodes.isEmpty()) {
      tenantNodes.add(node("note:no-tenants", ExplorerNode.Kind.NOTE).update("No tenants yet — create one from the toolbar", "", null));
    }
    platform.children().setAll(tenantNodes);
  }

  /** The explorer is narrow: a long manifest error is cut here (its tooltip and the inspector have it whole). */
  static String shorten(String detail) {
    if (detail == null) {
      return null;
    }
    // "line 7: runtime.command: is missing; expected …": what is wrong comes before the hint.
    int hint = detail.indexOf("; ");
    String s = hint > 0 ? detail.substring(0, hint) : detail;
    return s.length() <= DETAIL_MAX ? s : s.substring(0, DETAIL_MAX - 1).stripTrailing() + "…";
  }

  private static String count(int n) {
    return Integer.toString(n);
  }

  private static String size(long bytes) {
    return bytes < 1024 ? bytes + " B" : (bytes / 1024) + " KB";
  }

  /** Loads a tenant's collections and files once; later changes arrive through the traffic. */
  public void ensureLoaded(String tenant) {
    if (!loaded.containsKey(tenant)) {
      reloadTenant(tenant, true);
    }
  }

  private void reloadTenant(String tenant) {
    if (loaded.containsKey(tenant)) {
      reloadTenant(tenant, false);
    }
  }

  private void reloadTenant(String tenant, boolean first) {
    if (session.control() == null || !loading.add(tenant)) {
      return;
    }
    executor.submitQuiet(
        () -> {
          PlatformClient c = session.workbenchClient(tenant, false);
          return new TenantData(c.collections(), c.files(""), c.topics(), c.webhooks());
        },
        data -> {
          loading.remove(tenant);
          loaded.put(tenant, data);
          syncPlatform();
        },
        e -> {
          loading.remove(tenant);
          if (first && session.tenants().stream().anyMatch(t -> t.id().equals(tenant))) {
            notifications.error("Load tenant " + tenant, e);
          }
        });
  }

  /** Creates a collection in {@code tenant} as the workbench; the API's 422 goes to {@code onError}. */
  public void createCollection(String tenant, com.fasterxml.jackson.databind.node.ObjectNode body, Consumer<CollectionInfo> onDone, Consumer<Throwable> onError) {
    executor.submit(
        "Creating collection " + body.path("name").asText(),
        () -> session.workbenchClient(tenant, true).createCollection(body),
        c -> {
          TenantData d = loaded.get(tenant);
          if (d != null) {
            List<CollectionInfo> cols = new ArrayList<>(d.collections());
            cols.add(c);
            cols.sort(Comparator.comparing(CollectionInfo::name));
            loaded.put(tenant, new TenantData(cols, d.files(), d.topics(), d.webhooks()));
            syncPlatform();
          } else {
            ensureLoaded(tenant);
          }
          notifications.success("Collection created", tenant + " / " + c.name());
          onDone.accept(c);
        },
        onError::accept);
  }

  /** The collections known for a tenant (empty until loaded). */
  public List<CollectionInfo> collections(String tenant) {
    TenantData d = loaded.get(tenant);
    return d == null ? List.of() : d.collections();
  }

  // ---- workspace ---------------------------------------------------------------------------

  /** Re-reads the workspace folder's top level and its plugins (their manifests too). */
  public void refreshWorkspace() {
    Path dir = session.workspaceProperty().get();
    if (dir == null) {
      workspace.update("Workspace", "in memory", null);
      workspace.children().clear();
      plugins.clear();
      selectedPlugin.set(null);
      return;
    }
    workspace.update("Workspace", dir.getFileName() == null ? dir.toString() : dir.getFileName().toString(), dir);
    executor.submitQuiet(
        () -> new Listing(list(dir), PluginFolders.scan(dir)),
        listing -> {
          if (!dir.equals(session.workspaceProperty().get())) {
            return;
          }
          List<ExplorerNode> kids = new ArrayList<>();
          if (!listing.plugins().equals(plugins)) {
            plugins.setAll(listing.plugins());
          }
          if (!listing.plugins().isEmpty()) {
            long invalid = listing.plugins().stream().filter(p -> !p.isValid()).count();
            pluginsNode.update("Plugins", count(listing.plugins().size()) + (invalid == 0 ? "" : " (" + invalid + " invalid)"), dir);
            pluginsNode.children().setAll(
                listing.plugins().stream()
                    .map(p -> node("plugin:" + p.dir(), ExplorerNode.Kind.PLUGIN).update(p.label(), shorten(p.summary()), p))
                    .toList());
            kids.add(pluginsNode);
          }
          kids.add(marketplaceNode.update("Marketplace", "published plugins", dir.resolve(".sandbox").resolve("marketplace")));
          kids.addAll(toNodes(listing.entries()));
          workspace.children().setAll(kids);
          selectedPlugin.set(pluginOf(selected.get()));
        },
        e -> workspace.update("Workspace", "cannot read: " + Notifications.describe(e), dir));
  }

  private record Listing(List<Path> entries, List<PluginInfo> plugins) {}

  private void listFolder(ExplorerNode folder) {
    Path dir = (Path) folder.payload();
    executor.submitQuiet(
        () -> list(dir),
        entries -> {
          folder.setLazy(false);
          folder.children().setAll(toNodes(entries));
        },
        e -> notifications.error("Read " + dir, e));
  }

  private List<ExplorerNode> toNodes(List<Path> entries) {
    List<ExplorerNode> out = new ArrayList<>();
    for (Path p : entries) {
      if (Files.isDirectory(p)) {
        ExplorerNode n = node("dir:" + p, ExplorerNode.Kind.FOLDER).update(p.getFileName().toString(), "", p);
        if (n.children().isEmpty()) {
          n.setLazy(true);
          // A placeholder child so that the tree shows an expand arrow.
          n.children().setAll(node("loading:" + p, ExplorerNode.Kind.NOTE).update("…", "", null));
        }
        out.add(n);
      } else {
        out.add(node("path:" + p, ExplorerNode.Kind.FILE).update(p.getFileName().toString(), "", p));
      }
    }
    return out;
  }

  static List<Path> list(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> !SKIPPED.contains(p.getFileName().toString()))
          .sorted(Comparator.comparing((Path p) -> !Files.isDirectory(p)).thenComparing(p -> p.getFileName().toString().toLowerCase(java.util.Locale.ROOT)))
          .limit(500)
          .toList();
    }
  }
}
