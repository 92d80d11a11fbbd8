package io.platformsandbox.app.logs;

import java.util.List;
import java.util.Locale;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;

/**
 * The Log dock: the engine's and the workbench's log lines, newest last, with a text filter and a
 * "problems only" switch.
 *
 * <p>Threading: JavaFX thread; {@link #drain()} is called by a timer.
 */
public final class LogViewModel {
  public static final int MAX_LINES = 5000;
  private final LogBuffer buffer;
  private final ObservableList<LogLine> lines = FXCollections.observableArrayList();
  private final FilteredList<LogLine> shown = new FilteredList<>(lines, l -> true);
  private final StringProperty filter = new SimpleStringProperty("");
  private final BooleanProperty problemsOnly = new SimpleBooleanProperty(false);
  private final BooleanProperty follow = new SimpleBooleanProperty(true);

  public LogViewModel(LogBuffer buffer) {
    this.buffer = buffer;
    filter.addListener((o, a, b) -> refilter());
    problemsOnly.addListener((o, a, b) -> refilter());
  }

  public FilteredList<LogLine> shown() {
    return shown;
  }

  public ObservableList<LogLine> lines() {
    return lines;
  }

  public StringProperty filterProperty() {
    return filter;
  }

  public BooleanProperty problemsOnlyProperty() {
    return problemsOnly;
  }

  public BooleanProperty followProperty() {
    return follow;
  }

  /** Moves queued lines into the list; returns how many arrived. */
  public int drain() {
    List<LogLine> fresh = buffer.drain();
    if (!fresh.isEmpty()) {
      lines.addAll(fresh);
      if (lines.size() > MAX_LINES) {
        lines.remove(0, lines.size() - MAX_LINES);
      }
    }
    return fresh.size();
  }

  public void clear() {
    lines.clear();
  }

  private void refilter() {
    String f = filter.get() == null ? "" : filter.get().toLowerCase(Locale.ROOT);
    boolean p = problemsOnly.get();
    shown.setPredicate(
        l -> (!p || l.isProblem())
            && (f.isEmpty() || l.message().toLowerCase(Locale.ROOT).contains(f) || l.logger().toLowerCase(Locale.ROOT).contains(f)));
  }
}
