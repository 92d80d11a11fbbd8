package io.platformsandbox.app.plugins;

import io.platformsandbox.app.core.BackgroundExecutor;
import io.platformsandbox.app.model.PluginInfo;
import io.platformsandbox.engine.plugins.runtime.PluginLog;
import io.platformsandbox.engine.plugins.runtime.RunningPlugin;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The console of one plugin (one per plugin folder, reused by the next run): its state, and its
 * output lines as {@link PluginLog} delivers them. Lines arrive on the plugin's reader threads, queue
 * there, and reach the JavaFX thread in batches, one hand-over at a time; the list keeps the newest
 * {@value #MAX_LINES}.
 *
 * <p>Threading: JavaFX thread, except {@link #offer}, which any thread may call.
 */
public final class PluginConsoleViewModel {
  public static final int MAX_LINES = 2000;
  /** The stream of lines the workbench adds itself (started, exited, stopped). */
  public static final String WORKBENCH_STREAM = "workbench";

  private final Path dir;
  private final BackgroundExecutor executor;
  private final ReadOnlyStringWrapper label = new ReadOnlyStringWrapper();
  private final ReadOnlyObjectWrapper<PluginState> state = new ReadOnlyObjectWrapper<>(PluginState.STOPPED);
  private final ReadOnlyStringWrapper statusText = new ReadOnlyStringWrapper("");
  private final ReadOnlyObjectWrapper<Integer> exitCode = new ReadOnlyObjectWrapper<>();
  private final ObservableList<PluginLog.Line> lines = FXCollections.observableArrayList();
  private final BooleanProperty follow = new SimpleBooleanProperty(true);
  private final BooleanBinding active = Bindings.createBooleanBinding(() -> state.get().isActive(), state);
  private final BooleanBinding running = Bindings.createBooleanBinding(() -> state.get() == PluginState.RUNNING, state);
  private final Queue<Pending> queue = new ConcurrentLinkedQueue<>();
  private final AtomicBoolean handOffScheduled = new AtomicBoolean();

  private PluginInfo plugin;
  private String tenant;
  private volatile long generation;
  private volatile boolean stopRequested;
  private volatile RunningPlugin process;

  private record Pending(long generation, PluginLog.Line line) {}

  PluginConsoleViewModel(PluginInfo plugin, BackgroundExecutor executor) {
    this.dir = plugin.dir();
    this.plugin = plugin;
    this.executor = executor;
    label.set(plugin.label());
  }

  public Path dir() {
    return dir;
  }

  /** The plugin as it was when it last started. */
  public PluginInfo plugin() {
    return plugin;
  }

  public ReadOnlyStringProperty labelProperty() {
    return label.getReadOnlyProperty();
  }

  public String label() {
    return label.get();
  }

  public ReadOnlyObjectProperty<PluginState> stateProperty() {
    return state.getReadOnlyProperty();
  }

  public PluginState state() {
    return state.get();
  }

  /** One line about the run: tenant, pid and URL while it runs; the exit code after. */
  public ReadOnlyStringProperty statusTextProperty() {
    return statusText.getReadOnlyProperty();
  }

  /** The exit code once the process has ended (null before, or when it could not be read). */
  public ReadOnlyObjectProperty<Integer> exitCodeProperty() {
    return exitCode.getReadOnlyProperty();
  }

  public ObservableList<PluginLog.Line> lines() {
    return lines;
  }

  public BooleanProperty followProperty() {
    return follow;
  }

  /** Starting, running or stopping. */
  public BooleanBinding activeBinding() {
    return active;
  }

  public BooleanBinding runningBinding() {
    return running;
  }

  public boolean isActive() {
    return state.get().isActive();
  }

  /** The process while it runs; null otherwise. */
  public RunningPlugin process() {
    return process;
  }

  public String tenant() {
    return tenant;
  }

  public void clear() {
    lines.clear();
  }

  // ---- output, from any thread ---------------------------------------------------------------

  /** Queues a line of run {@code run}; a line of an earlier run (its reader still draining) is dropped. */
  void offer(long run, PluginLog.Line line) {
    queue.add(new Pending(run, line));
    if (handOffScheduled.compareAndSet(false, true)) {
      executor.runOnUiThread(this::drain);
    }
  }

  /** Moves the queued lines into the list in one change. JavaFX thread. */
  void drain() {
    handOffScheduled.set(false);
    List<PluginLog.Line> batch = new ArrayList<>();
    for (Pending p; (p = queue.poll()) != null; ) {
      if (p.generation() == generation) {
        batch.add(p.line());
      }
    }
    append(batch);
  }

  private void append(List<PluginLog.Line> batch) {
    if (batch.isEmpty()) {
      return;
    }
    if (batch.size() >= MAX_LINES) {
      lines.setAll(batch.subList(batch.size() - MAX_LINES, batch.size()));
      return;
    }
    int overflow = lines.size() + batch.size() - MAX_LINES;
    if (overflow > 0) {
      lines.remove(0, overflow);
    }
    lines.addAll(batch);
  }

  private void note(String text) {
    drain();
    append(List.of(new PluginLog.Line(0, Instant.now(), WORKBENCH_STREAM, text)));
  }

  // ---- lifecycle, driven by PluginsViewModel -------------------------------------------------

  boolean stopRequested() {
    return stopRequested;
  }

  void requestStop() {
    stopRequested = true;
  }

  /** A new run begins: clears the console; returns the run's number for {@link #offer}. */
  long starting(PluginInfo info, String tenant) {
    this.plugin = info;
    this.tenant = tenant;
    label.set(info.label());
    stopRequested = false;
    process = null;
    long run = ++generation;
    queue.clear();
    lines.clear();
    exitCode.set(null);
    state.set(PluginState.STARTING);
    statusText.set("Starting in tenant " + tenant + "…");
    note("Starting " + info.label() + " from " + dir + " in tenant " + tenant);
    return run;
  }

  void started(RunningPlugin p) {
    process = p;
    state.set(PluginState.RUNNING);
    statusText.set("Running in tenant " + tenant + " · pid " + p.pid() + " · " + p.baseUrl());
    note("Healthy: " + p.manifest().id() + " " + p.manifest().version() + " (pid " + p.pid() + ") on " + p.baseUrl());
  }

  void failed(String reason, Integer code) {
    process = null;
    exitCode.set(code);
    state.set(PluginState.FAILED);
    statusText.set("Did not start" + (code == null ? "" : " · exit code " + code));
    note("Did not start: " + reason);
  }

  void exited(Integer code) {
    process = null;
    exitCode.set(code);
    state.set(PluginState.EXITED);
    statusText.set("Exited on its own · exit code " + (code == null ? "unknown" : code));
    note("Exited with code " + (code == null ? "unknown" : code));
  }

  void stopping() {
    if (state.get() == PluginState.RUNNING) {
      state.set(PluginState.STOPPING);
      statusText.set("Stopping (SIGTERM, then a kill after " + RunningPlugin.STOP_GRACE.toSeconds() + " s)…");
    }
  }

  void stopped(RunningPlugin.StopResult r) {
    process = null;
    exitCode.set(r.exitCode());
    state.set(PluginState.STOPPED);
    String how = (r.graceful() ? "" : "killed after " + RunningPlugin.STOP_GRACE.toSeconds() + " s · ")
        + "exit code " + (r.exitCode() == null ? "unknown" : r.exitCode()) + " · " + r.took().toMillis() + " ms";
    statusText.set("Stopped · " + how);
    note("Stopped (" + how + ")");
  }
}
