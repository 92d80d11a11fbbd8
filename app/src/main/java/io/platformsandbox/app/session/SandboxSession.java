package io.platformsandbox.app.session;

import io.platformsandbox.app.core.BackgroundExecutor;
import io.platformsandbox.app.core.Notifications;
import io.platformsandbox.app.http.ControlClient;
import io.platformsandbox.app.http.PlatformClient;
import io.platformsandbox.app.http.TokenCache;
import io.platformsandbox.app.model.AppInfo;
import io.platformsandbox.app.model.SandboxInfo;
import io.platformsandbox.app.model.Scopes;
import io.platformsandbox.app.model.TenantInfo;
import io.platformsandbox.engine.EngineConfig;
import java.io.IOException;
import java.net.ConnectException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import okhttp3.OkHttpClient;

/**
 * The one observable state of the workbench that every panel reacts to: whether a sandbox runs,
 * where, its tenants and apps, the tenant the user picked, the sandbox clock. It starts and stops
 * the in-process engine, or connects to a running {@code sandbox serve} by URL.
 *
 * <p>Threading: the JavaFX thread (or the test thread); blocking work goes through the {@link
 * BackgroundExecutor}. The few methods marked blocking are for background work.
 */
public final class SandboxSession {
  private final OkHttpClient http;
  private final BackgroundExecutor executor;
  private final Notifications notifications;
  private final EngineHost host = new EngineHost();

  private final ReadOnlyObjectWrapper<SandboxStatus> status = new ReadOnlyObjectWrapper<>(SandboxStatus.STOPPED);
  private final ReadOnlyStringWrapper statusDetail = new ReadOnlyStringWrapper("");
  private final ReadOnlyStringWrapper apiUrl = new ReadOnlyStringWrapper("");
  private final ReadOnlyStringWrapper mockUrl = new ReadOnlyStringWrapper("");
  private final ReadOnlyStringWrapper version = new ReadOnlyStringWrapper("");
  private final ReadOnlyObjectWrapper<Instant> clock = new ReadOnlyObjectWrapper<>();
  private final ReadOnlyObjectWrapper<Duration> clockOffset = new ReadOnlyObjectWrapper<>(Duration.ZERO);
  private final ObjectProperty<Path> workspace = new SimpleObjectProperty<>();
  private final ObjectProperty<String> selectedTenant = new SimpleObjectProperty<>();
  private final ObservableList<TenantInfo> tenants = FXCollections.observableArrayList();
  private final ObservableList<AppInfo> apps = FXCollections.observableArrayList();
  private final List<Consumer<String>> collectionListeners = new ArrayList<>();
  private final Map<String, AppInfo> workbenchApps = new ConcurrentHashMap<>();

  private volatile Runnable beforeStop = () -> {};
  private volatile ControlClient control;
  private volatile TokenCache tokens;
  private boolean refreshing;
  private EngineConfig lastConfig;

  public SandboxSession(OkHttpClient http, BackgroundExecutor executor, Notifications notifications) {
    this.http = http;
    this.executor = executor;
    this.notifications = notifications;
  }

  // ---- state -------------------------------------------------------------------------------

  public ReadOnlyObjectProperty<SandboxStatus> statusProperty() {
    return status.getReadOnlyProperty();
  }

  public SandboxStatus status() {
    return status.get();
  }

  public ReadOnlyStringProperty statusDetailProperty() {
    return statusDetail.getReadOnlyProperty();
  }

  public ReadOnlyStringProperty apiUrlProperty() {
    return apiUrl.getReadOnlyProperty();
  }

  public ReadOnlyStringProperty mockUrlProperty() {
    return mockUrl.getReadOnlyProperty();
  }

  public ReadOnlyStringProperty versionProperty() {
    return version.getReadOnlyProperty();
  }

  public ReadOnlyObjectProperty<Instant> clockProperty() {
    return clock.getReadOnlyProperty();
  }

  /** How far the sandbox clock is ahead of the real one. */
  public ReadOnlyObjectProperty<Duration> clockOffsetProperty() {
    return clockOffset.getReadOnlyProperty();
  }

  public ObjectProperty<Path> workspaceProperty() {
    return workspace;
  }

  public ObjectProperty<String> selectedTenantProperty() {
    return selectedTenant;
  }

  public ObservableList<TenantInfo> tenants() {
    return tenants;
  }

  public ObservableList<AppInfo> apps() {
    return apps;
  }

  public OkHttpClient http() {
    return http;
  }

  /** The control API client; null while no sandbox is live. */
  public ControlClient control() {
    return control;
  }

  public TokenCache tokens() {
    return tokens;
  }

  public boolean isEmbedded() {
    return host.isRunning();
  }

  /**
   * Blocking work to do before the in-process engine stops, or once the session has left a sandbox
   * it connected to: the plugins the workbench runs stop first. Runs on a background thread (on the
   * calling thread in {@link #shutdownNow}).
   */
  public void setBeforeStop(Runnable blockingHook) {
    this.beforeStop = Objects.requireNonNull(blockingHook);
  }

  /** Tells {@code listener} the tenant whose collections or files changed. */
  public void onCollectionsChanged(Consumer<String> listener) {
    collectionListeners.add(listener);
  }

  public void fireCollectionsChanged(String tenant) {
    new ArrayList<>(collectionListeners).forEach(l -> l.accept(tenant));
  }

  // ---- lifecycle ---------------------------------------------------------------------------

  /** Starts the in-process engine with {@code config}. */
  public void start(EngineConfig config) {
    if (status.get() == SandboxStatus.STARTING || status.get().isLive()) {
      return;
    }
    lastConfig = config;
    workspace.set(config.inMemory() ? null : config.workspace().toAbsolutePath().normalize());
    status.set(SandboxStatus.STARTING);
    statusDetail.set("");
    executor.submit(
        "Starting the sandbox",
        () -> host.start(config),
        started -> {
          live(started.apiUrl(), started.mockUrl(), SandboxStatus.RUNNING);
          if (started.movedPorts()) {
            notifications.info(
                "Ports in use",
                "Port " + config.port() + " or " + config.mockPort() + " is taken; the sandbox runs on " + started.apiUrl() + ".");
          }
        },
        e -> failed("Start the sandbox", e));
  }

  /** Starts again with the config of the last start (the toolbar's Start). */
  public void restart() {
    if (lastConfig != null) {
      start(lastConfig);
    }
  }

  public boolean canRestart() {
    return lastConfig != null;
  }

  /** Connects to a sandbox already running at {@code url} (a {@code sandbox serve}). */
  public void connect(String url) {
    if (status.get().isLive()) {
      stop();
    }
    String base = url.strip().replaceAll("/+$", "");
    status.set(SandboxStatus.STARTING);
    statusDetail.set("");
    executor.submit(
        "Connecting to " + base,
        () -> {
          ControlClient c = new ControlClient(http, base);
          return c.info();
        },
        info -> {
          live(base, info.mockUrl(), SandboxStatus.CONNECTED);
          if (info.workspace() != null) {
            workspace.set(Path.of(info.workspace()));
          }
        },
        e -> failed("Connect to " + base, e));
  }

  private void live(String api, String mocks, SandboxStatus newStatus) {
    control = new ControlClient(http, api);
    tokens = new TokenCache(http, api);
    workbenchApps.clear();
    apiUrl.set(api);
    mockUrl.set(mocks == null ? "" : mocks);
    status.set(newStatus);
    refresh();
  }

  private void failed(String what, Throwable e) {
    status.set(SandboxStatus.FAILED);
    statusDetail.set(Notifications.describe(e));
    notifications.error(what, e);
  }

  /** Stops the in-process engine, or disconnects from a remote one. */
  public void stop() {
    SandboxStatus s = status.get();
    if (!s.isLive() && s != SandboxStatus.FAILED) {
      return;
    }
    clearLive();
    Runnable hook = beforeStop;
    if (!host.isRunning()) {
      status.set(SandboxStatus.STOPPED);
      afterLeaving(hook);
      return;
    }
    status.set(SandboxStatus.STOPPING);
    executor.submit(
        "Stopping the sandbox",
        () -> {
          hook.run();
          host.stop();
          return null;
        },
        ok -> status.set(SandboxStatus.STOPPED),
        e -> failed("Stop the sandbox", e));
  }

  private void clearLive() {
    control = null;
    tokens = null;
    workbenchApps.clear();
    apiUrl.set("");
    mockUrl.set("");
    tenants.clear();
    apps.clear();
    clock.set(null);
  }

  /** Runs the before-stop hook in the background once a connected sandbox is left. */
  private void afterLeaving(Runnable hook) {
    executor.submitQuiet(
        () -> {
          hook.run();
          return null;
        },
        ok -> {},
        e -> notifications.error("Stop the plugins", e));
  }

  /** Stops the engine (and first what the before-stop hook stops) on this thread: for the window closing. */
  public void shutdownNow() {
    clearLive();
    beforeStop.run();
    host.stop();
  }

  // ---- polling -----------------------------------------------------------------------------

  /** Re-reads info, tenants and apps in the background (quietly; the timer calls it). */
  public void refresh() {
    ControlClient c = control;
    if (c == null || refreshing) {
      return;
    }
    refreshing = true;
    executor.submitQuiet(
        () -> new Snapshot(c.info(), c.tenants(), c.apps(null)),
        snap -> {
          refreshing = false;
          if (control != c) {
            return;
          }
          apply(snap);
        },
        e -> {
          refreshing = false;
          if (control == c && e instanceof ConnectException && status.get() == SandboxStatus.CONNECTED) {
            clearLive();
            status.set(SandboxStatus.FAILED);
            statusDetail.set("Lost the connection to the sandbox.");
            notifications.error("Sandbox connection", e);
            afterLeaving(beforeStop);
          }
        });
  }

  private record Snapshot(SandboxInfo info, List<TenantInfo> tenants, List<AppInfo> apps) {}

  private void apply(Snapshot snap) {
    version.set(snap.info().version());
    if (snap.info().clock() != null) {
      clock.set(snap.info().clock());
      Duration off = Duration.between(Instant.now(), snap.info().clock());
      // Round to whole seconds: the two clocks are read at slightly different moments.
      clockOffset.set(Duration.ofSeconds(Math.round(off.toMillis() / 1000.0)));
    }
    if (!tenants.equals(snap.tenants())) {
      tenants.setAll(snap.tenants());
    }
    if (!apps.equals(snap.apps())) {
      apps.setAll(snap.apps());
    }
    String selected = selectedTenant.get();
    if (selected != null && snap.tenants().stream().noneMatch(t -> t.id().equals(selected))) {
      selectedTenant.set(null);
    }
    if (selectedTenant.get() == null && !snap.tenants().isEmpty()) {
      selectedTenant.set(snap.tenants().get(0).id());
    }
  }

  // ---- actions -----------------------------------------------------------------------------

  /** Creates a tenant; {@code onErrors} gets the API's answer (with field errors) on failure. */
  public void createTenant(String id, String name, Runnable onDone, Consumer<Throwable> onError) {
    ControlClient c = requireControl();
    executor.submit(
        "Creating tenant " + id,
        () -> c.createTenant(id, name, null),
        t -> {
          notifications.success("Tenant created", t.label());
          selectedTenant.set(t.id());
          refresh();
          onDone.run();
        },
        onError::accept);
  }

  public void createApp(String tenant, String name, List<String> scopes, Consumer<AppInfo> onDone, Consumer<Throwable> onError) {
    ControlClient c = requireControl();
    executor.submit(
        "Creating app " + name,
        () -> c.createApp(tenant, name, scopes),
        a -> {
          notifications.success("App created", a.label() + " — client id " + a.clientId());
          refresh();
          onDone.accept(a);
        },
        onError::accept);
  }

  public void deleteTenant(String tenant) {
    ControlClient c = requireControl();
    executor.submit(
        "Deleting tenant " + tenant,
        () -> {
          c.deleteTenant(tenant);
          return null;
        },
        ok -> {
          workbenchApps.remove(tenant);
          refresh();
        },
        e -> notifications.error("Delete tenant " + tenant, e));
  }

  public void deleteApp(AppInfo app) {
    ControlClient c = requireControl();
    executor.submit(
        "Deleting app " + app.name(),
        () -> {
          c.deleteApp(app.clientId());
          return null;
        },
        ok -> {
          workbenchApps.values().removeIf(a -> a.clientId().equals(app.clientId()));
          refresh();
        },
        e -> notifications.error("Delete app " + app.name(), e));
  }

  /** Forgets the built-in apps and cached tokens: the sandbox's state was replaced underneath. */
  private void forgetCredentials() {
    workbenchApps.clear();
    TokenCache t = tokens;
    if (t != null) {
      t.clear();
    }
  }

  /** Empties the sandbox: every tenant, app, collection, record, file and the traffic. */
  public void reset(Runnable onDone) {
    ControlClient c = requireControl();
    executor.submit(
        "Resetting the sandbox",
        () -> {
          c.reset();
          return null;
        },
        ok -> {
          forgetCredentials();
          tenants.clear();
          apps.clear();
          selectedTenant.set(null);
          notifications.info("Sandbox reset", "Every tenant, app, collection, record and file is gone.");
          refresh();
          onDone.run();
        },
        e -> notifications.error("Reset", e));
  }

  /** Saves the whole sandbox state under {@code name}. */
  public void saveSnapshot(String name, Runnable onDone, Consumer<Throwable> onError) {
    ControlClient c = requireControl();
    executor.submit(
        "Saving snapshot " + name,
        () -> {
          c.createSnapshot(name);
          return null;
        },
        ok -> {
          notifications.info("Snapshot saved", "The whole sandbox state is saved as '" + name + "'.");
          onDone.run();
        },
        onError::accept);
  }

  /** The saved snapshots' names, for a picker; a failure becomes a notification. */
  public void listSnapshots(Consumer<List<String>> onDone) {
    ControlClient c = requireControl();
    executor.submit("Listing snapshots", c::snapshots, onDone::accept, e -> notifications.error("Snapshots", e));
  }

  /** Replaces the whole sandbox state with the snapshot {@code name}, then reloads everything. */
  public void restoreSnapshot(String name, Runnable onDone, Consumer<Throwable> onError) {
    ControlClient c = requireControl();
    executor.submit(
        "Restoring snapshot " + name,
        () -> {
          c.restoreSnapshot(name);
          return null;
        },
        ok -> {
          forgetCredentials();
          notifications.info("Snapshot restored", "The sandbox is back to '" + name + "'.");
          refresh();
          onDone.run();
        },
        onError::accept);
  }

  /**
   * Moves the sandbox clock forward by {@code seconds}; the engine then runs what became due
   * (webhook retries). The status bar's clock follows at once.
   */
  public void advanceClock(double seconds, Runnable onDone, Consumer<Throwable> onError) {
    ControlClient c = requireControl();
    executor.submit(
        "Advancing the clock",
        () -> c.advanceClock(seconds),
        clockNode -> {
          notifications.info("Clock advanced", "The sandbox clock moved " + formatSeconds(seconds) + " forward; due retries run now.");
          refresh();
          onDone.run();
        },
        onError::accept);
  }

  static String formatSeconds(double seconds) {
    long s = Math.round(seconds);
    if (s % 86400 == 0 && s >= 86400) {
      return (s / 86400) + " d";
    }
    if (s % 3600 == 0 && s >= 3600) {
      return (s / 3600) + " h";
    }
    if (s % 60 == 0 && s >= 60) {
      return (s / 60) + " min";
    }
    return s + " s";
  }

  private ControlClient requireControl() {
    ControlClient c = control;
    if (c == null) {
      throw new IllegalStateException("No sandbox is running.");
    }
    return c;
  }

  // ---- Platform API as the workbench --------------------------------------------------------

  /**
   * A Platform API client for {@code tenant} as the workbench's own app there (registered on first
   * use with every scope). With {@code showPii} false its token lacks {@code pii:read}, so the
   * engine itself masks PII and PHI. Blocking: call from background work.
   */
  public PlatformClient workbenchClient(String tenant, boolean showPii) throws IOException {
    ControlClient c = requireControl();
    TokenCache t = Objects.requireNonNull(tokens);
    AppInfo app = workbenchApps.get(tenant);
    if (app == null) {
      // Several views may open a tenant at once (explorer, events, webhooks): register one app.
      synchronized (workbenchApps) {
        app = workbenchApps.get(tenant);
        if (app == null) {
          app =
              c.apps(tenant).stream()
                  .filter(a -> a.isWorkbench() && a.scopes().containsAll(Scopes.ALL))
                  .findFirst()
                  .orElse(null);
          if (app == null) {
            app = c.createApp(tenant, AppInfo.WORKBENCH_APP, Scopes.ALL);
          }
          workbenchApps.put(tenant, app);
        }
      }
    }
    return new PlatformClient(http, c.apiUrl(), t, app, showPii ? null : Scopes.withoutPii());
  }

  /** A Platform API client as a given app (the API console's "auth as"). */
  public PlatformClient clientAs(AppInfo app) {
    ControlClient c = requireControl();
    return new PlatformClient(http, c.apiUrl(), Objects.requireNonNull(tokens), app, null);
  }

  /** The client ids of the workbench's own apps, so that views can tell its calls apart. */
  public boolean isWorkbenchApp(String clientId) {
    if (clientId == null) {
      return false;
    }
    return workbenchApps.values().stream().anyMatch(a -> a.clientId().equals(clientId))
        || apps.stream().anyMatch(a -> a.isWorkbench() && a.clientId().equals(clientId));
  }
}
