package io.platformsandbox.app.events;

import com.fasterxml.jackson.databind.JsonNode;
import io.platformsandbox.app.core.BackgroundExecutor;
import io.platformsandbox.app.core.Json;
import io.platformsandbox.app.core.Notifications;
import io.platformsandbox.app.http.ApiException;
import io.platformsandbox.app.http.ControlClient;
import io.platformsandbox.app.model.EventItem;
import io.platformsandbox.app.model.EventPage;
import io.platformsandbox.app.model.TopicInfo;
import io.platformsandbox.app.session.SandboxSession;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import okhttp3.Call;

/**
 * The event timeline of one topic of one tenant, live: a long poll of {@code GET
 * /v1/topics/{t}/events?after=&wait=} that starts again as soon as it answers, newest event first,
 * with the selected event's JSON; and the trigger of a platform event ({@code POST
 * /_sandbox/trigger}).
 *
 * <p>Threading: JavaFX thread; the long poll runs on the {@link BackgroundExecutor} and is
 * cancelled (its HTTP call too) when the tenant or topic changes, when paused, or on {@link #stop}.
 * With {@code waitSeconds} 0 (view-model tests) nothing loops: each {@link #poll} is one request.
 */
public final class EventsViewModel {
  public static final int CAPACITY = 2000;
  static final int PAGE = 500;
  private static final long BACKOFF_MS = 2000;

  private final SandboxSession session;
  private final BackgroundExecutor executor;
  private final Notifications notifications;
  private final int waitSeconds;

  private final StringProperty tenant = new SimpleStringProperty();
  private final StringProperty topic = new SimpleStringProperty(TopicInfo.PLATFORM);
  private final ObservableList<String> topics = FXCollections.observableArrayList(TopicInfo.PLATFORM);
  private final ObservableList<EventItem> events = FXCollections.observableArrayList();
  private final ObjectProperty<EventItem> selected = new SimpleObjectProperty<>();
  private final ReadOnlyStringWrapper detail = new ReadOnlyStringWrapper("");
  private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");
  private final BooleanProperty following = new SimpleBooleanProperty(true);

  private boolean started;
  private int generation;
  private long lastOffset;
  private boolean inFlight;
  private boolean failing;
  private BackgroundExecutor.Job job;
  private volatile Call call;

  public EventsViewModel(SandboxSession session, BackgroundExecutor executor, Notifications notifications, int waitSeconds) {
    this.session = session;
    this.executor = executor;
    this.notifications = notifications;
    this.waitSeconds = waitSeconds;
    tenant.set(session.selectedTenantProperty().get());
    session.selectedTenantProperty().addListener((o, a, b) -> {
      if (b != null) {
        tenant.set(b);
      }
    });
    tenant.addListener((o, a, b) -> restart());
    topic.addListener((o, a, b) -> restart());
    session.apiUrlProperty().addListener((o, a, b) -> restart());
    following.addListener((o, a, b) -> {
      if (b) {
        poll();
      } else {
        cancelPoll();
        updateStatus();
      }
    });
    selected.addListener((o, a, b) -> detail.set(b == null ? "" : Json.pretty(b.json())));
    updateStatus();
  }

  // ---- state -------------------------------------------------------------------------------

  /** The tenant whose events show; follows the workbench's current tenant unless chosen here. */
  public StringProperty tenantProperty() {
    return tenant;
  }

  public StringProperty topicProperty() {
    return topic;
  }

  /** The tenant's topic names, {@code platform} first. */
  public ObservableList<String> topics() {
    return topics;
  }

  /** The events read so far, newest first (at most {@link #CAPACITY}). */
  public ObservableList<EventItem> events() {
    return events;
  }

  public ObjectProperty<EventItem> selectedProperty() {
    return selected;
  }

  /** The selected event as pretty JSON. */
  public ReadOnlyStringProperty detailProperty() {
    return detail.getReadOnlyProperty();
  }

  /** "Live · 12 events · offset 12", "Paused", or why the last read failed. */
  public ReadOnlyStringProperty statusProperty() {
    return status.getReadOnlyProperty();
  }

  /** Whether the timeline follows new events (the long poll runs); false pauses it. */
  public BooleanProperty followingProperty() {
    return following;
  }

  // ---- lifecycle ---------------------------------------------------------------------------

  /** Starts following (the view calls it when it opens). */
  public void start() {
    started = true;
    restart();
  }

  /** Stops the long poll and cancels its HTTP call (the view's tab closed). */
  public void stop() {
    started = false;
    cancelPoll();
  }

  /** Shows {@code topicName} of {@code tenantName} (the explorer's topic nodes). */
  public void show(String tenantName, String topicName) {
    boolean same = Objects.equals(tenant.get(), tenantName) && Objects.equals(topic.get(), topicName);
    if (!topics.contains(topicName)) {
      topics.add(topicName);
    }
    tenant.set(tenantName);
    topic.set(topicName);
    if (same && started && !inFlight) {
      poll();
    }
  }

  /** Forgets the events and reads the topic again from its first event. */
  public void restart() {
    cancelPoll();
    events.clear();
    selected.set(null);
    lastOffset = 0;
    failing = false;
    loadTopics();
    updateStatus();
    if (started) {
      poll();
    }
  }

  private void cancelPoll() {
    generation++;
    inFlight = false;
    BackgroundExecutor.Job j = job;
    job = null;
    if (j != null) {
      j.cancel();
    }
    Call c = call;
    call = null;
    if (c != null) {
      c.cancel();
    }
  }

  /** Re-reads the tenant's topic names. */
  public void loadTopics() {
    String t = tenant.get();
    if (t == null || session.control() == null) {
      return;
    }
    executor.submitQuiet(
        () -> session.workbenchClient(t, false).topics(),
        list -> {
          if (!t.equals(tenant.get())) {
            return;
          }
          List<String> names = new ArrayList<>(list.stream().map(TopicInfo::name).toList());
          String current = topic.get();
          if (current != null && !names.contains(current)) {
            names.add(current);
          }
          if (!names.equals(topics)) {
            topics.setAll(names);
          }
        },
        e -> {});
  }

  /**
   * Reads the events after the last one seen. With a wait (the workbench) the request is a long
   * poll and the next one starts when it answers, until paused or stopped; after a failure the
   * next waits two seconds.
   */
  public void poll() {
    String t = tenant.get();
    String tp = topic.get();
    if (t == null || tp == null || session.control() == null || inFlight || !following.get()) {
      return;
    }
    int gen = generation;
    long after = lastOffset;
    boolean backoff = failing;
    inFlight = true;
    updateStatus();
    job =
        executor.submitQuiet(
            () -> {
              if (backoff) {
                Thread.sleep(BACKOFF_MS);
              }
              return session.workbenchClient(t, false).events(tp, after, PAGE, waitSeconds, c -> call = c);
            },
            page -> {
              if (gen != generation) {
                return;
              }
              inFlight = false;
              call = null;
              failing = false;
              append(page);
              continueLoop();
            },
            e -> {
              if (gen != generation) {
                return;
              }
              inFlight = false;
              call = null;
              failing = true;
              status.set("Cannot read " + tp + ": " + Notifications.describe(e));
              continueLoop();
            });
  }

  private void continueLoop() {
    if (!failing) {
      updateStatus();
    }
    if (waitSeconds > 0 && started && following.get()) {
      poll();
    }
  }

  void append(EventPage page) {
    lastOffset = Math.max(lastOffset, page.lastOffset());
    if (page.events().isEmpty()) {
      return;
    }
    List<EventItem> newestFirst = new ArrayList<>(page.events());
    Collections.reverse(newestFirst);
    events.addAll(0, newestFirst);
    if (events.size() > CAPACITY) {
      events.remove(CAPACITY, events.size());
    }
    if (!topics.contains(page.events().get(0).topic()) && !page.events().get(0).topic().isEmpty()) {
      topics.add(page.events().get(0).topic());
    }
  }

  private void updateStatus() {
    if (tenant.get() == null) {
      status.set("No tenant: create one to see its events.");
      return;
    }
    String state = !following.get() ? "Paused" : inFlight || started ? "Live" : "Not following";
    status.set(state + " · " + events.size() + (events.size() == 1 ? " event" : " events") + (lastOffset > 0 ? " · offset " + lastOffset : ""));
  }

  // ---- trigger -----------------------------------------------------------------------------

  /**
   * Emits a platform event in the current tenant. {@code dataText} is a JSON object (blank for
   * {@code {}}); a text that is not one fails like the API would, as a field error on {@code data}.
   */
  public void trigger(String type, String subject, String dataText, Consumer<EventItem> onDone, Consumer<Throwable> onError) {
    String t = tenant.get();
    ControlClient c = session.control();
    if (t == null || c == null) {
      onError.accept(invalid("tenant", "is required: create a tenant first"));
      return;
    }
    JsonNode data;
    try {
      data = dataText == null || dataText.isBlank() ? Json.object() : Json.parse(dataText);
    } catch (Exception e) {
      onError.accept(invalid("data", "is not valid JSON: " + firstLine(e.getMessage())));
      return;
    }
    executor.submit(
        "Triggering " + type,
        () -> c.trigger(t, type == null ? "" : type.strip(), subject, data),
        ev -> {
          notifications.success("Event triggered", ev.type() + " in " + t + " (platform, offset " + ev.offset() + ")");
          if (!TopicInfo.PLATFORM.equals(topic.get())) {
            topic.set(TopicInfo.PLATFORM);
          }
          onDone.accept(ev);
        },
        onError::accept);
  }

  private static ApiException invalid(String field, String message) {
    return new ApiException(422, "", "Validation failed", "The trigger is not valid.", Map.of(field, message), null);
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "";
    }
    int i = s.indexOf('\n');
    return i < 0 ? s : s.substring(0, i);
  }
}
