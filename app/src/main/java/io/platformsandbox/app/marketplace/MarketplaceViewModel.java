package io.platformsandbox.app.marketplace;

import io.platformsandbox.app.core.BackgroundExecutor;
import io.platformsandbox.app.core.Notice;
import io.platformsandbox.app.core.Notifications;
import io.platformsandbox.app.model.PluginInfo;
import io.platformsandbox.app.plugins.PluginConsoleViewModel;
import io.platformsandbox.app.plugins.PluginFolders;
import io.platformsandbox.app.plugins.PluginsViewModel;
import io.platformsandbox.app.publish.PublishViewModel;
import io.platformsandbox.app.session.SandboxSession;
import io.platformsandbox.engine.plugins.bundles.Bundles;
import io.platformsandbox.engine.plugins.bundles.VerifiedBundle;
import io.platformsandbox.engine.plugins.marketplace.Registry;
import io.platformsandbox.engine.plugins.marketplace.RegistryException;
import io.platformsandbox.engine.plugins.marketplace.RegistryPlugin;
import io.platformsandbox.engine.plugins.marketplace.RegistryVersion;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The workspace's marketplace registry ({@code <workspace>/.sandbox/marketplace}, DESIGN §7): every
 * published version with its publisher, pinned key and publish time; and Install into tenant, which
 * verifies the bundle again, unpacks it into {@code <workspace>/.sandbox/plugins/ID/VERSION} and runs
 * it there like Run Plugin, in the tenant picked (as {@code sandbox install ID@VERSION --tenant T}).
 * Also where the publish dialogs get their registry and keys folder.
 *
 * <p>Threading: JavaFX thread (or the test thread); disk work through the {@link BackgroundExecutor}.
 */
public final class MarketplaceViewModel {
  private final SandboxSession session;
  private final PluginsViewModel plugins;
  private final BackgroundExecutor executor;
  private final Notifications notifications;
  private final Path keysDir;
  private final ObservableList<MarketplaceEntry> entries = FXCollections.observableArrayList();
  private final ObjectProperty<MarketplaceEntry> selected = new SimpleObjectProperty<>();
  private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");
  private long reloads;

  /** @param keysDir the publisher's keys folder ({@code ~/.platform-sandbox/keys} unless told otherwise) */
  public MarketplaceViewModel(SandboxSession session, PluginsViewModel plugins, BackgroundExecutor executor, Notifications notifications, Path keysDir) {
    this.session = session;
    this.plugins = plugins;
    this.executor = executor;
    this.notifications = notifications;
    this.keysDir = keysDir;
    session.workspaceProperty().addListener((o, a, b) -> reload());
  }

  /** Every published version, by plugin id and then newest version first. */
  public ObservableList<MarketplaceEntry> entries() {
    return entries;
  }

  public ObjectProperty<MarketplaceEntry> selectedProperty() {
    return selected;
  }

  /** {@code 2 plugins, 3 versions in /ws/.sandbox/marketplace}, or why there are none. */
  public ReadOnlyStringProperty statusProperty() {
    return status.getReadOnlyProperty();
  }

  /** The workspace registry; null while the sandbox runs in memory (no workspace). */
  public Path registryDir() {
    Path ws = session.workspaceProperty().get();
    return ws == null ? null : Registry.defaultDir(ws);
  }

  public Path keysDir() {
    return keysDir;
  }

  /** A Package and Publish model for {@code plugin}, publishing to this registry; a publish reloads the list. */
  public PublishViewModel publishModel(PluginInfo plugin, PublishViewModel.Validation validation) {
    PublishViewModel p = new PublishViewModel(plugin, registryDir(), keysDir, executor, notifications, validation);
    p.setOnPublished(r -> reload());
    return p;
  }

  /** Re-reads the registry's index in the background. */
  public void reload() {
    Path dir = registryDir();
    long run = ++reloads;
    if (dir == null) {
      entries.clear();
      status.set("The sandbox runs in memory: open a workspace to have a marketplace (<workspace>/.sandbox/marketplace).");
      return;
    }
    executor.submitQuiet(
        () -> new Registry(dir).plugins(),
        list -> {
          if (run != reloads) {
            return;
          }
          MarketplaceEntry keep = selected.get();
          List<MarketplaceEntry> rows = new ArrayList<>();
          int versions = 0;
          for (RegistryPlugin p : list) {
            List<RegistryVersion> vs = new ArrayList<>(p.versions());
            java.util.Collections.reverse(vs); // the index keeps them ascending
            for (RegistryVersion v : vs) {
              rows.add(MarketplaceEntry.of(p, v));
              versions++;
            }
          }
          entries.setAll(rows);
          selected.set(keep == null ? null : rows.stream().filter(r -> r.coordinates().equals(keep.coordinates())).findFirst().orElse(null));
          status.set(list.isEmpty()
              ? "Nothing published yet: Package and Publish a validated plugin to add it (" + dir + ")."
              : list.size() + " plugin" + (list.size() == 1 ? "" : "s") + ", " + versions + " version" + (versions == 1 ? "" : "s") + " in " + dir);
        },
        e -> {
          if (run == reloads) {
            entries.clear();
            status.set("The registry " + dir + " cannot be read: " + Notifications.describe(e));
          }
        });
  }

  /** Where a version is installed: {@code <workspace>/.sandbox/plugins/ID/VERSION}. */
  public Path installDir(MarketplaceEntry entry) {
    Path ws = session.workspaceProperty().get();
    return ws == null ? null : ws.toAbsolutePath().normalize().resolve(".sandbox").resolve("plugins").resolve(entry.id()).resolve(entry.version());
  }

  /**
   * Verifies {@code entry}'s bundle again, unpacks it into {@link #installDir} (replacing an earlier
   * install) and runs it in {@code tenant} (created with the plugin's fixtures when new), in the
   * background; the plugin's console opens in the dock. Refusals are notices.
   */
  public void install(MarketplaceEntry entry, String tenant) {
    String what = "Install " + entry.coordinates();
    Path registry = registryDir();
    Path target = installDir(entry);
    if (registry == null || target == null) {
      notifications.post(Notice.warning(what, "The sandbox runs in memory: open a workspace first."));
      return;
    }
    if (!session.status().isLive()) {
      notifications.post(Notice.warning(what, "The sandbox is not running; start it first (F5)."));
      return;
    }
    if (tenant == null || tenant.isBlank()) {
      notifications.post(Notice.warning(what, "Pick the tenant to install it into."));
      return;
    }
    PluginConsoleViewModel running = plugins.console(target);
    if (running != null && running.isActive()) {
      notifications.post(Notice.warning(what, entry.coordinates() + " already runs from " + target + " (in tenant " + running.tenant()
          + "); stop it first to install it again."));
      return;
    }
    executor.submit(
        "Installing " + entry.coordinates(),
        () -> {
          Path bundle = new Registry(registry).find(entry.id(), entry.version())
              .orElseThrow(() -> new RegistryException(entry.coordinates() + " is not in the registry " + registry + " any more"));
          if (Files.exists(target)) {
            Bundles.deleteTree(target);
          }
          VerifiedBundle verified = Bundles.unpack(bundle, target); // verifies hashes, signature and report again
          return new Installed(verified, PluginFolders.read(target));
        },
        installed -> {
          VerifiedBundle v = installed.bundle();
          notifications.success("Installed " + v.coordinates(), "Verified (publisher key " + PublishViewModel.abbreviate(v.keyFingerprint())
              + ") and unpacked into " + target + "; starting it in tenant " + tenant + ".");
          plugins.run(installed.plugin(), tenant.strip());
        },
        e -> notifications.post(Notice.error(what + " refused", Notifications.describe(e))));
  }

  private record Installed(VerifiedBundle bundle, PluginInfo plugin) {}

  /** The tenant an install goes to unless another is picked: the toolbar's, else {@code dev}. */
  public String defaultTenant() {
    String t = session.selectedTenantProperty().get();
    return t == null ? PluginsViewModel.DEFAULT_TENANT : t;
  }
}
