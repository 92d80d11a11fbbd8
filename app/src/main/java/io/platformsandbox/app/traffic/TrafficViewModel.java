package io.platformsandbox.app.traffic;

import io.platformsandbox.app.core.BackgroundExecutor;
import io.platformsandbox.app.core.Json;
import io.platformsandbox.app.http.ControlClient;
import io.platformsandbox.app.model.AppInfo;
import io.platformsandbox.app.model.TrafficItem;
import io.platformsandbox.app.session.SandboxSession;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Predicate;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;

/**
 * Every request the sandbox served, live: the control API's traffic stream (the newest entries it
 * holds first, then each request as it is served), filtered by app, status class and path, with
 * the selected entry's request and response. It also tells the session when a write changed a
 * tenant's collections or files, which keeps the explorer live.
 *
 * <p>Threading: JavaFX thread. Between {@link #start} and {@link #stop} it follows whichever sandbox
 * the session is live with, through a {@link TrafficFeed} that reads on a thread of its own and
 * hands batches back through the {@link BackgroundExecutor}; pausing closes the stream and
 * resuming opens it again after the last entry shown.
 */
public final class TrafficViewModel {
  public static final int CAPACITY = 5000;
  public static final String ALL_APPS = "All apps";

  /** The status classes the filter offers. */
  public enum StatusFilter {
    ALL("All statuses"),
    SUCCESS("2xx"),
    REDIRECT("3xx"),
    CLIENT_ERROR("4xx"),
    SERVER_ERROR("5xx"),
    ERRORS("4xx and 5xx");

    private final String label;

    StatusFilter(String label) {
      this.label = label;
    }

    public boolean accepts(int status) {
      return switch (this) {
        case ALL -> true;
        case SUCCESS -> status >= 200 && status < 300;
        case REDIRECT -> status >= 300 && status < 400;
        case CLIENT_ERROR -> status >= 400 && status < 500;
        case SERVER_ERROR -> status >= 500;
        case ERRORS -> status >= 400;
      };
    }

    @Override
    public String toString() {
      return label;
    }
  }

  private final SandboxSession session;
  private final BackgroundExecutor executor;
  private final ObservableList<TrafficItem> items = FXCollections.observableArrayList();
  private final FilteredList<TrafficItem> filtered = new FilteredList<>(items, x -> true);
  private final ObservableList<String> appChoices = FXCollections.observableArrayList(ALL_APPS);
  private final StringProperty appFilter = new SimpleStringProperty(ALL_APPS);
  private final ObjectProperty<StatusFilter> statusFilter = new SimpleObjectProperty<>(StatusFilter.ALL);
  private final StringProperty pathFilter = new SimpleStringProperty("");
  private final BooleanProperty hideWorkbench = new SimpleBooleanProperty(false);
  private final BooleanProperty paused = new SimpleBooleanProperty(false);
  private final ObjectProperty<TrafficItem> selected = new SimpleObjectProperty<>();
  private final ReadOnlyStringWrapper requestText = new ReadOnlyStringWrapper("");
  private final ReadOnlyStringWrapper responseText = new ReadOnlyStringWrapper("");
  private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper("");
  private final ReadOnlyObjectWrapper<StreamState> streamState = new ReadOnlyObjectWrapper<>(StreamState.OFF);

  private boolean started;
  private long lastId;
  private TrafficFeed feed;

  public TrafficViewModel(SandboxSession session, BackgroundExecutor executor) {
    this.session = session;
    this.executor = executor;
    appFilter.addListener((o, a, b) -> refilter());
    statusFilter.addListener((o, a, b) -> refilter());
    pathFilter.addListener((o, a, b) -> refilter());
    hideWorkbench.addListener((o, a, b) -> refilter());
    selected.addListener((o, a, b) -> showDetail(b));
    session.apiUrlProperty().addListener((o, a, b) -> {
      lastId = 0;
      clear();
      follow();
    });
    paused.addListener((o, a, b) -> follow());
    session.apps().addListener((javafx.collections.ListChangeListener<AppInfo>) c -> {
      refreshAppChoices();
      if (!ALL_APPS.equals(appFilter.get())) {
        refilter();
      }
    });
    filtered.addListener((javafx.collections.ListChangeListener<TrafficItem>) c -> updateSummary());
  }

  public ObservableList<TrafficItem> items() {
    return items;
  }

  /** The entries that pass the filters, oldest first. */
  public FilteredList<TrafficItem> filtered() {
    return filtered;
  }

  /** "All apps" and the label of every app in the list; changes when an app's label does. */
  public ObservableList<String> appChoices() {
    return appChoices;
  }

  public StringProperty appFilterProperty() {
    return appFilter;
  }

  public ObjectProperty<StatusFilter> statusFilterProperty() {
    return statusFilter;
  }

  public StringProperty pathFilterProperty() {
    return pathFilter;
  }

  public BooleanProperty hideWorkbenchProperty() {
    return hideWorkbench;
  }

  public BooleanProperty pausedProperty() {
    return paused;
  }

  public ObjectProperty<TrafficItem> selectedProperty() {
    return selected;
  }

  public ReadOnlyStringProperty requestTextProperty() {
    return requestText.getReadOnlyProperty();
  }

  public ReadOnlyStringProperty responseTextProperty() {
    return responseText.getReadOnlyProperty();
  }

  public ReadOnlyStringProperty summaryProperty() {
    return summary.getReadOnlyProperty();
  }

  public ReadOnlyObjectProperty<StreamState> streamStateProperty() {
    return streamState.getReadOnlyProperty();
  }

  /** Follows the traffic of the session's sandbox, whichever it is, until {@link #stop}. */
  public void start() {
    started = true;
    follow();
  }

  /** Closes the stream and ends its thread. */
  public void stop() {
    started = false;
    follow();
  }

  private void follow() {
    if (feed != null) {
      feed.stop();
      feed = null;
    }
    ControlClient c = session.control();
    if (!started || c == null) {
      streamState.set(StreamState.OFF);
    } else if (paused.get()) {
      streamState.set(StreamState.PAUSED);
    } else {
      streamState.set(StreamState.CONNECTING);
      feed = new TrafficFeed(c, executor, lastId, this::append, streamState::set);
      feed.start();
    }
  }

  boolean isReading() {
    return feed != null && feed.isReading();
  }

  void append(List<TrafficItem> batch) {
    if (batch.isEmpty()) {
      return;
    }
    for (TrafficItem t : batch) {
      lastId = Math.max(lastId, t.id());
    }
    items.addAll(batch);
    if (items.size() > CAPACITY) {
      items.remove(0, items.size() - CAPACITY);
    }
    refreshAppChoices();
    batch.stream()
        .filter(t -> t.isWrite() && t.succeeded() && t.tenant() != null)
        .filter(t -> t.pathOnly().equals("/v1/collections") || t.pathOnly().startsWith("/v1/files/")
            || t.pathOnly().equals("/v1/topics") || (t.pathOnly().startsWith("/v1/webhooks") && !t.pathOnly().endsWith("/redeliver")))
        .map(TrafficItem::tenant)
        .distinct()
        .forEach(session::fireCollectionsChanged);
  }

  public void clear() {
    items.clear();
    selected.set(null);
  }

  /** "crm-sync (acme)" for a client id the session knows; the id otherwise. */
  public String appLabel(String clientId) {
    if (clientId == null) {
      return "—";
    }
    return session.apps().stream()
        .filter(a -> a.clientId().equals(clientId))
        .findFirst()
        .map(AppInfo::label)
        .orElse(clientId);
  }

  private void refreshAppChoices() {
    var labels =
        items.stream().map(TrafficItem::app).filter(Objects::nonNull).distinct().map(this::appLabel).sorted().toList();
    // A client id shown before the session knew its app gives way to the app's label.
    appChoices.removeIf(l -> !l.equals(ALL_APPS) && !l.equals(appFilter.get()) && !labels.contains(l));
    for (String l : labels) {
      if (!appChoices.contains(l)) {
        appChoices.add(l);
      }
    }
  }

  private void refilter() {
    filtered.setPredicate(predicate());
    updateSummary();
  }

  Predicate<TrafficItem> predicate() {
    String app = appFilter.get();
    StatusFilter status = statusFilter.get() == null ? StatusFilter.ALL : statusFilter.get();
    String path = pathFilter.get() == null ? "" : pathFilter.get().strip().toLowerCase(Locale.ROOT);
    boolean hide = hideWorkbench.get();
    return t ->
        (app == null || app.equals(ALL_APPS) || app.equals(appLabel(t.app())))
            && status.accepts(t.status())
            && (path.isEmpty() || t.path().toLowerCase(Locale.ROOT).contains(path))
            && !(hide && session.isWorkbenchApp(t.app()));
  }

  private void updateSummary() {
    long errors = filtered.stream().filter(t -> t.status() >= 400).count();
    summary.set(filtered.size() + " of " + items.size() + " requests" + (errors > 0 ? " · " + errors + " errors" : ""));
  }

  private void showDetail(TrafficItem t) {
    if (t == null) {
      requestText.set("");
      responseText.set("");
      return;
    }
    requestText.set(
        t.method() + " " + t.path() + "\n"
            + "Request id: " + t.requestId() + "\n"
            + "Tenant: " + (t.tenant() == null ? "—" : t.tenant()) + "   App: " + appLabel(t.app()) + "\n"
            + "Time: " + t.time() + "\n\n"
            + (t.requestBody().isEmpty() ? "(no body)" : Json.pretty(t.requestBody())));
    responseText.set(
        t.status() + " in " + String.format(Locale.ROOT, "%.1f", t.latencyMs()) + " ms"
            + (t.truncated() ? "   (body truncated)" : "") + "\n\n"
            + (t.responseBody().isEmpty() ? "(no body)" : Json.pretty(t.responseBody())));
  }
}
