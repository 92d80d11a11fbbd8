package io.platformsandbox.app.plugins;

import io.platformsandbox.app.core.BackgroundExecutor;
import io.platformsandbox.app.core.Notice;
import io.platformsandbox.app.core.Notifications;
import io.platformsandbox.app.model.PluginInfo;
import io.platformsandbox.app.session.SandboxSession;
import io.platformsandbox.engine.plugins.manifest.Manifest;
import io.platformsandbox.engine.plugins.manifest.ManifestException;
import io.platformsandbox.engine.plugins.manifest.ManifestParser;
import io.platformsandbox.engine.plugins.runtime.PluginLog;
import io.platformsandbox.engine.plugins.runtime.PluginRuntime;
import io.platformsandbox.engine.plugins.runtime.PluginStartException;
import io.platformsandbox.engine.plugins.runtime.RunningPlugin;
import io.platformsandbox.engine.plugins.runtime.SandboxHttp;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the workspace's plugins against the session's sandbox with the engine's {@link
 * PluginRuntime} (ADR 0009), in the tenant picked in the toolbar, and keeps a console per plugin.
 * Plugins stop (SIGTERM, then a kill after 10 s) when asked, before the sandbox stops, when the
 * session leaves a sandbox it connected to, and before the window closes.
 *
 * <p>Threading: JavaFX thread (or the test thread), except {@link #stopAllBlocking}, which runs in
 * the background. Each running plugin has a daemon thread that waits for its process to end.
 */
public final class PluginsViewModel {
  private static final Logger LOG = LoggerFactory.getLogger(PluginsViewModel.class);
  /** The tenant plugins run in while the sandbox has none picked (as {@code sandbox run}). */
  public static final String DEFAULT_TENANT = "dev";
  /** Output lines quoted in a notification about a start failure or a crash. */
  static final int NOTICE_LINES = 6;
  /** The longest a stop-all waits for starts in flight (a start_timeout_s is 30 s by default). */
  private static final int START_WAIT_SECONDS = 60;

  private final SandboxSession session;
  private final BackgroundExecutor executor;
  private final Notifications notifications;
  private final ObservableList<PluginConsoleViewModel> consoles = FXCollections.observableArrayList(c -> new javafx.beans.Observable[] {c.stateProperty()});
  private final ObjectProperty<PluginConsoleViewModel> selectedConsole = new SimpleObjectProperty<>();
  private final BooleanBinding anyRunning = Bindings.createBooleanBinding(() -> consoles.stream().anyMatch(c -> c.state() == PluginState.RUNNING), consoles);
  /** Started processes until they are stopped or have exited; read by the stop hook's thread. */
  private final Map<RunningPlugin, Runner> running = new ConcurrentHashMap<>();
  private final List<SandboxRuntime> runtimes = new CopyOnWriteArrayList<>();
  /** Starts not finished yet: a stop-all waits for them (they see their runtime retired and stop). */
  private final AtomicInteger startsInFlight = new AtomicInteger();

  /** A runtime for one sandbox; retired when the workbench leaves that sandbox. */
  private static final class SandboxRuntime {
    final PluginRuntime runtime;
    volatile boolean retired;

    SandboxRuntime(PluginRuntime runtime) {
      this.runtime = runtime;
    }
  }

  private record Runner(SandboxRuntime runtime, PluginConsoleViewModel console) {}

  public PluginsViewModel(SandboxSession session, BackgroundExecutor executor, Notifications notifications) {
    this.session = session;
    this.executor = executor;
    this.notifications = notifications;
    session.setBeforeStop(this::stopAllBlocking);
  }

  /** One console per plugin folder that ran, in the order they first ran. */
  public ObservableList<PluginConsoleViewModel> consoles() {
    return consoles;
  }

  /** The console the dock shows; a run selects its plugin's console. */
  public ObjectProperty<PluginConsoleViewModel> selectedConsoleProperty() {
    return selectedConsole;
  }

  /** True while at least one plugin runs. */
  public BooleanBinding anyRunningBinding() {
    return anyRunning;
  }

  /** Whether a process is starting, running or stopping. */
  public boolean hasActive() {
    return !running.isEmpty() || startsInFlight.get() > 0 || consoles.stream().anyMatch(PluginConsoleViewModel::isActive);
  }

  public PluginConsoleViewModel console(Path dir) {
    return consoles.stream().filter(c -> c.dir().equals(dir)).findFirst().orElse(null);
  }

  /** Forgets a console that is not active (its dock tab was closed). */
  public void remove(PluginConsoleViewModel console) {
    if (!console.isActive()) {
      consoles.remove(console);
      if (selectedConsole.get() == console) {
        selectedConsole.set(null);
      }
    }
  }

  // ---- run ---------------------------------------------------------------------------------

  /**
   * Starts {@code plugin} in the picked tenant (created, with the plugin's fixtures, when new) of
   * the session's sandbox, in the background; its console shows the build and start as they
   * happen. A failure shows in the console and as a notice with the last lines. Returns the console,
   * or null when the plugin cannot run now (the notice says why).
   */
  public PluginConsoleViewModel run(PluginInfo plugin) {
    return run(plugin, session.selectedTenantProperty().get() == null ? DEFAULT_TENANT : session.selectedTenantProperty().get());
  }

  /** Like {@link #run(PluginInfo)}, in {@code tenant} (an installed plugin goes to the tenant picked for it). */
  public PluginConsoleViewModel run(PluginInfo plugin, String tenant) {
    if (plugin == null) {
      notifications.post(Notice.warning("Run plugin", "Select a plugin in the explorer first (Workspace ▸ Plugins)."));
      return null;
    }
    String what = "Run " + plugin.label();
    if (!session.status().isLive()) {
      notifications.post(Notice.warning(what, "The sandbox is not running; start it first (F5)."));
      return null;
    }
    String api = session.apiUrlProperty().get();
    String mock = session.mockUrlProperty().get();
    if (mock == null || mock.isBlank()) {
      notifications.post(Notice.warning(what, "This sandbox runs without its mock APIs, and plugins need them for their egress proxy: start it without --no-mocks."));
      return null;
    }
    PluginConsoleViewModel console = console(plugin.dir());
    if (console == null) {
      console = new PluginConsoleViewModel(plugin, executor);
      consoles.add(console);
    } else if (console.isActive()) {
      notifications.post(Notice.info(what, plugin.label() + " is already running; stop it first."));
      selectedConsole.set(console);
      return console;
    }
    Path workspace = session.workspaceProperty().get();
    Path logDir = workspace == null ? null : workspace.resolve(".sandbox").resolve("logs");
    SandboxRuntime rt = runtimeFor(api, mock);
    PluginConsoleViewModel c = console;
    long run = c.starting(plugin, tenant);
    selectedConsole.set(c);
    // Not a cancellable job: an interrupted start keeps polling health until start_timeout_s.
    executor.submitQuiet(
        () -> {
          startsInFlight.incrementAndGet();
          try {
            Manifest m = ManifestParser.read(plugin.dir());
            RunningPlugin p = rt.runtime.start(m, PluginRuntime.Options.of(tenant).withLogDir(logDir).withListener(line -> c.offer(run, line)));
            if (rt.retired) {
              // The sandbox stopped while the plugin was starting: it must not outlive it.
              rt.runtime.stop(p);
              throw new IllegalStateException("the sandbox stopped while " + m.id() + " was starting");
            }
            running.put(p, new Runner(rt, c));
            return p;
          } finally {
            startsInFlight.decrementAndGet();
          }
        },
        p -> {
          c.started(p);
          watch(p, c);
          session.refresh();
        },
        e -> {
          c.failed(reason(e), e instanceof PluginStartException s ? s.exitCode() : null);
          notifications.post(Notice.error(what + " failed", describe(e)));
          session.refresh();
        });
    return c;
  }

  /** Runs the console's plugin again, as it was last started (re-reading its manifest). */
  public PluginConsoleViewModel rerun(PluginConsoleViewModel console) {
    return run(PluginFolders.read(console.dir()));
  }

  private SandboxRuntime runtimeFor(String api, String mock) {
    for (SandboxRuntime r : runtimes) {
      SandboxHttp h = r.runtime.sandbox();
      if (!r.retired && h.apiUrl().equals(strip(api)) && h.mockUrl().equals(strip(mock))) {
        return r;
      }
    }
    SandboxRuntime r = new SandboxRuntime(new PluginRuntime(new SandboxHttp(api, mock)));
    runtimes.removeIf(x -> x.retired);
    runtimes.add(r);
    return r;
  }

  private static String strip(String url) {
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }

  /** Waits on a daemon thread for the process to end on its own (a crash), and says so. */
  private void watch(RunningPlugin p, PluginConsoleViewModel c) {
    Thread t = new Thread(() -> {
      try {
        while (p.awaitExit(Duration.ofSeconds(1)).isEmpty()) {
          if (!running.containsKey(p)) {
            return;
          }
        }
        if (c.stopRequested()) {
          return; // the stop reports it
        }
        Runner r = running.remove(p);
        if (r != null) {
          r.runtime().runtime.stop(p); // already ended: forgets it and closes its log file
        }
        Thread.sleep(150); // the output readers catch the last lines
      } catch (InterruptedException e) {
        return;
      }
      Integer code = p.exitCode().orElse(null);
      List<PluginLog.Line> last = p.log().last(NOTICE_LINES);
      executor.runOnUiThread(() -> {
        c.exited(code);
        notifications.post(Notice.error(c.label() + " exited", "It ended on its own with exit code " + code + "." + lastLines(last)));
      });
    }, "plugin-watch-" + p.id());
    t.setDaemon(true);
    t.start();
  }

  // ---- stop --------------------------------------------------------------------------------

  /**
   * The console a Stop acts on: the one of {@code selectedPlugin} when it runs, else the console the
   * dock shows when it runs, else the only running one.
   */
  public PluginConsoleViewModel stopTarget(PluginInfo selectedPlugin) {
    if (selectedPlugin != null) {
      PluginConsoleViewModel c = console(selectedPlugin.dir());
      if (c != null && c.state() == PluginState.RUNNING) {
        return c;
      }
    }
    PluginConsoleViewModel shown = selectedConsole.get();
    if (shown != null && shown.state() == PluginState.RUNNING) {
      return shown;
    }
    List<PluginConsoleViewModel> live = consoles.stream().filter(c -> c.state() == PluginState.RUNNING).toList();
    return live.size() == 1 ? live.get(0) : null;
  }

  /** Stops the console's plugin in the background (SIGTERM, then a kill after 10 s). */
  public void stop(PluginConsoleViewModel console) {
    if (console == null) {
      notifications.post(Notice.warning("Stop plugin", "Several plugins run: select the one to stop in the explorer or the dock."));
      return;
    }
    RunningPlugin p = console.process();
    Runner r = p == null ? null : running.get(p);
    if (r == null || console.state() != PluginState.RUNNING) {
      return;
    }
    console.requestStop();
    console.stopping();
    executor.submit(
        "Stopping " + console.label(),
        () -> stopBlocking(p, r),
        result -> {},
        e -> notifications.error("Stop " + console.label(), e));
  }

  private RunningPlugin.StopResult stopBlocking(RunningPlugin p, Runner r) {
    r.console().requestStop();
    ui(r.console()::stopping);
    RunningPlugin.StopResult result = r.runtime().runtime.stop(p);
    running.remove(p);
    ui(() -> r.console().stopped(result));
    LOG.info("plugin {} stopped: exit code {}, graceful {}, {} ms", p.id(), result.exitCode(), result.graceful(), result.took().toMillis());
    return result;
  }

  /**
   * Stops every plugin, all at once, and waits for them: the session runs this before its engine
   * stops. Callable from any thread; blocks up to the stop grace period (10 s) plus a kill.
   */
  public void stopAllBlocking() {
    runtimes.forEach(r -> r.retired = true);
    // A start in flight stops its plugin itself once it returns (its runtime is retired).
    long waitUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(START_WAIT_SECONDS);
    while (startsInFlight.get() > 0 && System.nanoTime() < waitUntil) {
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
    List<Map.Entry<RunningPlugin, Runner>> all = new ArrayList<>(running.entrySet());
    if (all.isEmpty()) {
      return;
    }
    List<Thread> threads = new ArrayList<>();
    for (Map.Entry<RunningPlugin, Runner> e : all) {
      Thread t = new Thread(() -> stopBlocking(e.getKey(), e.getValue()), "plugin-stop-" + e.getKey().id());
      t.setDaemon(true);
      t.start();
      threads.add(t);
    }
    for (Thread t : threads) {
      try {
        t.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  /** Stops every plugin in the background, then runs {@code then} (the window closing). */
  public void stopAll(Runnable then) {
    executor.submit(
        "Stopping " + running.size() + " plugin" + (running.size() == 1 ? "" : "s"),
        () -> {
          stopAllBlocking();
          return null;
        },
        ok -> then.run(),
        e -> then.run());
  }

  /** Hands {@code r} to the UI thread, unless there is none any more (the JVM shutting down). */
  private void ui(Runnable r) {
    try {
      executor.runOnUiThread(r);
    } catch (RuntimeException e) {
      LOG.debug("no UI thread to tell: {}", e.toString());
    }
  }

  // ---- messages ----------------------------------------------------------------------------

  /** Why a run failed, in one sentence (the console already shows the output). */
  static String reason(Throwable e) {
    if (e instanceof ManifestException m) {
      return "plugin.yaml is not valid: " + m.errors().get(0)
          + (m.errors().size() > 1 ? " (and " + (m.errors().size() - 1) + " more; Validate lists them all)" : "");
    }
    if (e instanceof PluginStartException s) {
      return s.getMessage();
    }
    return Notifications.describe(e);
  }

  /** The reason and the last lines of output: what a notice about a failed start says. */
  static String describe(Throwable e) {
    String reason = reason(e);
    if (e instanceof PluginStartException s) {
      return reason + (s.lastLines().isEmpty() ? "; it printed nothing." : "." + lastLines(s.lastLines()));
    }
    return reason;
  }

  private static String lastLines(List<PluginLog.Line> lines) {
    if (lines.isEmpty()) {
      return "";
    }
    return "\nLast lines:\n" + lines.subList(Math.max(0, lines.size() - NOTICE_LINES), lines.size()).stream()
        .map(l -> "  " + (l.text().length() > 160 ? l.text().substring(0, 160) + "…" : l.text()))
        .collect(Collectors.joining("\n"));
  }
}
