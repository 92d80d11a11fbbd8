package io.platformsandbox.app.validation;

import io.platformsandbox.app.core.BackgroundExecutor;
import io.platformsandbox.app.core.Notice;
import io.platformsandbox.app.core.Notifications;
import io.platformsandbox.app.model.PluginInfo;
import io.platformsandbox.engine.plugins.validation.Check;
import io.platformsandbox.engine.plugins.validation.CheckResult;
import io.platformsandbox.engine.plugins.validation.Report;
import io.platformsandbox.engine.plugins.validation.ReportFiles;
import io.platformsandbox.engine.plugins.validation.Validator;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * One plugin's validation (DESIGN §6) and its report: every check of the engine's {@link Validator}
 * as it is decided, then the overall verdict and the report files, written (json, html, junit) to
 * {@code <plugin>/.sandbox/report} as {@code sandbox validate} does. The validation runs as a
 * background job (15–25 s for a plugin that starts; it brings its own in-memory sandbox) and can
 * be cancelled.
 *
 * <p>Threading: JavaFX thread (or the test thread); the validator's progress is handed over.
 */
public final class ValidationViewModel {
  /** Where a validation is. */
  public enum State {
    IDLE("Not run"),
    RUNNING("Validating"),
    PASSED("PASS"),
    FAILED("FAIL"),
    CANCELLED("Cancelled"),
    ERROR("Error");

    private final String label;

    State(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }
  }

  /** The report folder inside a plugin, as the CLI's default. */
  public static Path reportDir(Path pluginDir) {
    return pluginDir.resolve(".sandbox").resolve("report");
  }

  private final BackgroundExecutor executor;
  private final Notifications notifications;
  private final ReadOnlyObjectWrapper<PluginInfo> plugin = new ReadOnlyObjectWrapper<>();
  private final ReadOnlyObjectWrapper<State> state = new ReadOnlyObjectWrapper<>(State.IDLE);
  private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper("");
  private final ReadOnlyObjectWrapper<Path> reportFolder = new ReadOnlyObjectWrapper<>();
  private final ReadOnlyIntegerWrapper decided = new ReadOnlyIntegerWrapper();
  private final ReadOnlyObjectWrapper<Report> report = new ReadOnlyObjectWrapper<>();
  private final ObservableList<CheckRow> rows = FXCollections.observableArrayList();
  private final BooleanBinding running = Bindings.createBooleanBinding(() -> state.get() == State.RUNNING, state);
  private long generation;
  private BackgroundExecutor.Job job;

  public ValidationViewModel(PluginInfo plugin, BackgroundExecutor executor, Notifications notifications) {
    this.executor = executor;
    this.notifications = notifications;
    this.plugin.set(plugin);
    rows.setAll(Arrays.stream(Check.values()).map(CheckRow::pending).toList());
  }

  public ReadOnlyObjectProperty<PluginInfo> pluginProperty() {
    return plugin.getReadOnlyProperty();
  }

  public ReadOnlyObjectProperty<State> stateProperty() {
    return state.getReadOnlyProperty();
  }

  public State state() {
    return state.get();
  }

  /** {@code FAIL acme.crm-sync 1.0.0: 1 failing check (M01) in 0.1 s}, or what is happening. */
  public ReadOnlyStringProperty summaryProperty() {
    return summary.getReadOnlyProperty();
  }

  /** The folder the report files were written to; null until they are. */
  public ReadOnlyObjectProperty<Path> reportFolderProperty() {
    return reportFolder.getReadOnlyProperty();
  }

  /** How many of the {@link #total()} checks are decided. */
  public ReadOnlyIntegerProperty decidedProperty() {
    return decided.getReadOnlyProperty();
  }

  public int total() {
    return Check.values().length;
  }

  /** The last complete report; null until one is. */
  public ReadOnlyObjectProperty<Report> reportProperty() {
    return report.getReadOnlyProperty();
  }

  /** Every check in report order: pending ones have no result yet. */
  public ObservableList<CheckRow> rows() {
    return rows;
  }

  public CheckRow row(Check check) {
    return rows.get(check.ordinal());
  }

  public BooleanBinding runningBinding() {
    return running;
  }

  // ---- actions -----------------------------------------------------------------------------

  /** Validates the plugin (again); does nothing while a validation runs. */
  public void start() {
    if (state.get() == State.RUNNING) {
      return;
    }
    PluginInfo p = plugin.get();
    long run = ++generation;
    rows.setAll(Arrays.stream(Check.values()).map(CheckRow::pending).toList());
    decided.set(0);
    report.set(null);
    reportFolder.set(null);
    state.set(State.RUNNING);
    summary.set("Validating " + p.label() + " in a fresh in-memory sandbox…");
    Path out = reportDir(p.dir());
    AtomicReference<BackgroundExecutor.Job> self = new AtomicReference<>();
    job = executor.submit(
        "Validating " + p.label(),
        () -> {
          try {
            Report r = new Validator(result -> executor.runOnUiThread(() -> progress(run, result))).validate(p.dir());
            if (cancelled(self)) {
              return new Outcome(r, null);
            }
            try {
              ReportFiles.write(r, out);
              return new Outcome(r, null);
            } catch (IOException e) {
              return new Outcome(r, "the report files could not be written to " + out + ": " + e.getMessage());
            }
          } finally {
            if (cancelled(self)) {
              executor.runOnUiThread(() -> cancelled(run));
            }
          }
        },
        outcome -> finished(run, outcome, out),
        e -> failed(run, e));
    self.set(job);
  }

  private static boolean cancelled(AtomicReference<BackgroundExecutor.Job> self) {
    BackgroundExecutor.Job j = self.get();
    return j != null && j.isCancelled();
  }

  private record Outcome(Report report, String writeProblem) {}

  /** Cancels a running validation: its sandbox and plugin stop in the background. */
  public void cancel() {
    BackgroundExecutor.Job j = job;
    if (state.get() == State.RUNNING && j != null) {
      j.cancel();
      cancelled(generation);
    }
  }

  private void progress(long run, CheckResult result) {
    if (run != generation || state.get() != State.RUNNING) {
      return;
    }
    CheckRow before = rows.get(result.check().ordinal());
    rows.set(result.check().ordinal(), CheckRow.of(result));
    if (before.result() == null) {
      decided.set(decided.get() + 1);
    }
    summary.set("Validating " + plugin.get().label() + ": " + decided.get() + " of " + total() + " checks decided…");
  }

  private void cancelled(long run) {
    if (run != generation || state.get() != State.RUNNING) {
      return;
    }
    state.set(State.CANCELLED);
    summary.set("Cancelled after " + decided.get() + " of " + total() + " checks; no report was written.");
  }

  private void finished(long run, Outcome outcome, Path out) {
    if (run != generation) {
      return;
    }
    Report r = outcome.report();
    r.checks().forEach(c -> rows.set(c.check().ordinal(), CheckRow.of(c)));
    decided.set((int) rows.stream().filter(x -> x.result() != null).count());
    report.set(r);
    reportFolder.set(outcome.writeProblem() == null ? out : null);
    state.set(r.passed() ? State.PASSED : State.FAILED);
    // An invalid manifest has no id to report ("(invalid manifest)"): name the folder instead.
    String who = r.pluginVersion().isEmpty() ? plugin.get().label() : r.pluginId() + " " + r.pluginVersion();
    String seconds = String.format(Locale.ROOT, "%.1f s", r.durationMs() / 1000.0);
    if (r.passed()) {
      long warnings = r.checks().stream().filter(c -> c.status() == CheckResult.Status.WARN).count();
      summary.set("PASS " + who + ": no failing checks" + (warnings == 0 ? "" : ", " + warnings + " warning" + (warnings == 1 ? "" : "s")) + " (" + seconds + ")");
      notifications.post(Notice.success("Validation passed", who + " passes every publishing rule."));
    } else {
      String ids = r.failures().stream().map(c -> c.check().name()).collect(Collectors.joining(", "));
      int n = r.failures().size();
      summary.set("FAIL " + who + ": " + n + " failing check" + (n == 1 ? "" : "s") + " (" + ids + ") (" + seconds + ")");
      notifications.post(Notice.error("Validation failed", who + ": " + ids + " — " + r.failures().get(0).reason()));
    }
    if (outcome.writeProblem() != null) {
      notifications.post(Notice.error("Validation report", outcome.writeProblem()));
    }
  }

  private void failed(long run, Throwable e) {
    if (run != generation) {
      return;
    }
    state.set(State.ERROR);
    summary.set("The validation did not finish: " + Notifications.describe(e));
    notifications.error("Validate " + plugin.get().label(), e);
  }
}
