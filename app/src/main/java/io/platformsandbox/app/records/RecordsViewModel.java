package io.platformsandbox.app.records;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.platformsandbox.app.core.BackgroundExecutor;
import io.platformsandbox.app.core.Json;
import io.platformsandbox.app.core.Notifications;
import io.platformsandbox.app.http.ApiException;
import io.platformsandbox.app.http.PlatformClient;
import io.platformsandbox.app.model.CollectionInfo;
import io.platformsandbox.app.model.FieldInfo;
import io.platformsandbox.app.session.SandboxSession;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The records grid of one collection: a page of records through the filter, paging by cursor,
 * create, edit and delete, and every error of the API in words next to where it belongs (the
 * filter bar, the form field, the grid's message line).
 *
 * <p>Threading: JavaFX thread; API calls through the {@link BackgroundExecutor}.
 */
public final class RecordsViewModel {
  public static final int PAGE_SIZE = 50;

  private final SandboxSession session;
  private final BackgroundExecutor executor;
  private final Notifications notifications;
  private final CollectionInfo collection;

  private final ObservableList<RecordRow> rows = FXCollections.observableArrayList();
  private final StringProperty filterText = new SimpleStringProperty("");
  private final ReadOnlyStringWrapper appliedFilter = new ReadOnlyStringWrapper("");
  private final ReadOnlyStringWrapper filterError = new ReadOnlyStringWrapper("");
  private final ReadOnlyIntegerWrapper filterErrorPosition = new ReadOnlyIntegerWrapper(0);
  private final StringProperty orderBy = new SimpleStringProperty("");
  private final BooleanProperty showPii = new SimpleBooleanProperty(false);
  private final ReadOnlyBooleanWrapper loading = new ReadOnlyBooleanWrapper(false);
  private final ReadOnlyBooleanWrapper hasNext = new ReadOnlyBooleanWrapper(false);
  private final ReadOnlyBooleanWrapper hasPrevious = new ReadOnlyBooleanWrapper(false);
  private final ReadOnlyIntegerWrapper page = new ReadOnlyIntegerWrapper(1);
  private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
  private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper("");
  private final ReadOnlyBooleanWrapper messageIsError = new ReadOnlyBooleanWrapper(false);

  private final Deque<String> previousCursors = new ArrayDeque<>();
  private String currentCursor;
  private String nextCursor;

  public RecordsViewModel(SandboxSession session, BackgroundExecutor executor, Notifications notifications, CollectionInfo collection) {
    this.session = session;
    this.executor = executor;
    this.notifications = notifications;
    this.collection = collection;
    showPii.addListener((o, a, b) -> load());
  }

  public CollectionInfo collection() {
    return collection;
  }

  public List<FieldInfo> fields() {
    return collection.fields();
  }

  public ObservableList<RecordRow> rows() {
    return rows;
  }

  public StringProperty filterTextProperty() {
    return filterText;
  }

  public ReadOnlyStringProperty appliedFilterProperty() {
    return appliedFilter.getReadOnlyProperty();
  }

  /** The API's words for a bad filter; empty when the filter is fine. */
  public ReadOnlyStringProperty filterErrorProperty() {
    return filterError.getReadOnlyProperty();
  }

  /** 1-based position of the problem in the filter text; 0 when unknown. */
  public ReadOnlyIntegerProperty filterErrorPositionProperty() {
    return filterErrorPosition.getReadOnlyProperty();
  }

  public StringProperty orderByProperty() {
    return orderBy;
  }

  public BooleanProperty showPiiProperty() {
    return showPii;
  }

  public boolean hasSensitiveFields() {
    return collection.hasSensitiveFields();
  }

  public ReadOnlyBooleanProperty loadingProperty() {
    return loading.getReadOnlyProperty();
  }

  public ReadOnlyBooleanProperty hasNextProperty() {
    return hasNext.getReadOnlyProperty();
  }

  public ReadOnlyBooleanProperty hasPreviousProperty() {
    return hasPrevious.getReadOnlyProperty();
  }

  public ReadOnlyIntegerProperty pageProperty() {
    return page.getReadOnlyProperty();
  }

  /** "12 records on this page" */
  public ReadOnlyStringProperty summaryProperty() {
    return summary.getReadOnlyProperty();
  }

  /** The result of the last action, or the reason it failed. */
  public ReadOnlyStringProperty messageProperty() {
    return message.getReadOnlyProperty();
  }

  public ReadOnlyBooleanProperty messageIsErrorProperty() {
    return messageIsError.getReadOnlyProperty();
  }

  /** Whether a cell of this field can be edited in the grid now. */
  public boolean isEditable(FieldInfo field) {
    return !field.sensitive() || showPii.get();
  }

  // ---- loading -----------------------------------------------------------------------------

  /** Reloads the current page. */
  public void load() {
    fetch(currentCursor, () -> {});
  }

  /** Applies the filter bar's text: back to page 1. */
  public void applyFilter() {
    String text = filterText.get() == null ? "" : filterText.get().strip();
    previousCursors.clear();
    currentCursor = null;
    appliedFilter.set(text);
    fetch(null, () -> {});
  }

  public void clearFilter() {
    filterText.set("");
    applyFilter();
  }

  public void nextPage() {
    if (nextCursor == null) {
      return;
    }
    String from = currentCursor;
    String to = nextCursor;
    fetch(
        to,
        () -> {
          previousCursors.push(from == null ? "" : from);
          page.set(page.get() + 1);
          hasPrevious.set(true);
        });
  }

  public void previousPage() {
    if (previousCursors.isEmpty()) {
      return;
    }
    String back = previousCursors.peek();
    fetch(
        back.isEmpty() ? null : back,
        () -> {
          previousCursors.pollFirst();
          page.set(page.get() - 1);
          hasPrevious.set(!previousCursors.isEmpty());
        });
  }

  private void fetch(String cursor, Runnable onPage) {
    String filter = appliedFilter.get();
    String order = orderBy.get();
    boolean pii = showPii.get();
    loading.set(true);
    executor.submit(
        "Loading " + collection.name(),
        () -> client(pii).records(collection.name(), filter, order, PAGE_SIZE, cursor),
        body -> {
          loading.set(false);
          filterError.set("");
          filterErrorPosition.set(0);
          currentCursor = cursor;
          List<RecordRow> page = new ArrayList<>();
          body.path("data").forEach(n -> page.add(new RecordRow((ObjectNode) n)));
          rows.setAll(page);
          nextCursor = body.hasNonNull("next_cursor") ? body.get("next_cursor").asText() : null;
          hasNext.set(nextCursor != null);
          onPage.run();
          if (cursor == null) {
            this.page.set(1);
            previousCursors.clear();
            hasPrevious.set(false);
          }
          summary.set(summary());
        },
        e -> {
          loading.set(false);
          if (e instanceof ApiException api && api.status() == 400 && !filter.isEmpty()) {
            filterError.set(api.readableMessage());
            filterErrorPosition.set(api.position() == null ? 0 : api.position());
          } else if (e instanceof ApiException api && api.status() == 403 && !filter.isEmpty()) {
            filterError.set(api.readableMessage());
            filterErrorPosition.set(0);
          } else {
            error(Notifications.describe(e));
          }
        });
  }

  private String summary() {
    int n = rows.size();
    String what = n == 1 ? "1 record" : n + " records";
    return appliedFilter.get().isEmpty() ? what + " on this page" : what + " match the filter on this page";
  }

  private PlatformClient client(boolean pii) throws java.io.IOException {
    return session.workbenchClient(collection.tenant(), pii);
  }

  // ---- editing -----------------------------------------------------------------------------

  /**
   * Creates a record from the form's texts (field → text). Type mistakes and the API's 422 go to
   * {@code onFieldErrors} (field → message) and the form stays open; other failures to {@code
   * onError}.
   */
  public void create(Map<String, String> input, Consumer<Map<String, String>> onFieldErrors, Consumer<String> onError, Runnable onDone) {
    ObjectNode body = Json.object();
    Map<String, String> errors = new LinkedHashMap<>();
    for (FieldInfo f : collection.fields()) {
      String text = input.get(f.name());
      if (text == null || text.isEmpty()) {
        continue;
      }
      try {
        body.set(f.name(), ValueParser.parse(f, text));
      } catch (IllegalArgumentException e) {
        errors.put(f.name(), e.getMessage());
      }
    }
    if (!errors.isEmpty()) {
      onFieldErrors.accept(errors);
      return;
    }
    boolean pii = showPii.get();
    executor.submit(
        "Creating a record in " + collection.name(),
        () -> client(pii).createRecord(collection.name(), body),
        created -> {
          info("Created record " + created.path("id").asText() + ".");
          onDone.run();
          load();
        },
        e -> {
          if (e instanceof ApiException api && !api.fieldErrors().isEmpty()) {
            onFieldErrors.accept(api.fieldErrors());
          } else {
            onError.accept(Notifications.describe(e));
          }
        });
  }

  /**
   * Changes one field of one record (a grid edit). On failure the row is put back as it was and the
   * API's reason shows on the message line.
   */
  public void update(RecordRow row, String field, String text) {
    FieldInfo f = collection.fields().stream().filter(x -> x.name().equals(field)).findFirst().orElseThrow();
    if (ValueParser.display(row.value(field)).equals(text == null ? "" : text)) {
      return;
    }
    JsonNode value;
    try {
      value = ValueParser.parse(f, text);
    } catch (IllegalArgumentException e) {
      error(field + " " + e.getMessage());
      restore(row);
      return;
    }
    ObjectNode changes = Json.object();
    changes.set(field, value);
    boolean pii = showPii.get();
    executor.submit(
        "Saving " + row.id(),
        () -> client(pii).patchRecord(collection.name(), row.id(), row.version(), changes),
        updated -> {
          replace(row, new RecordRow((ObjectNode) updated));
          info("Saved " + row.id() + " (version " + updated.path("version").asLong() + ").");
        },
        e -> {
          restore(row);
          if (e instanceof ApiException api && api.status() == 412) {
            error("Record " + row.id() + " was changed elsewhere; reloaded. Edit it again.");
            load();
          } else {
            error("Record " + row.id() + ": " + Notifications.describe(e));
          }
        });
  }

  public void delete(RecordRow row) {
    boolean pii = showPii.get();
    executor.submit(
        "Deleting " + row.id(),
        () -> {
          client(pii).deleteRecord(collection.name(), row.id(), row.version());
          return null;
        },
        ok -> {
          rows.remove(row);
          info("Deleted record " + row.id() + ".");
        },
        e -> error("Delete " + row.id() + ": " + Notifications.describe(e)));
  }

  private void replace(RecordRow old, RecordRow updated) {
    int i = rows.indexOf(old);
    if (i >= 0) {
      rows.set(i, updated);
    }
  }

  /** Puts a row back as it was, so that a rejected edit leaves the cell unchanged. */
  private void restore(RecordRow row) {
    int i = rows.indexOf(row);
    if (i >= 0) {
      rows.set(i, new RecordRow(row.body().deepCopy()));
    }
  }

  public Optional<RecordRow> find(String id) {
    return rows.stream().filter(r -> r.id().equals(id)).findFirst();
  }

  private void info(String text) {
    messageIsError.set(false);
    message.set(text);
  }

  private void error(String text) {
    messageIsError.set(true);
    message.set(text);
  }

  /** Forgets the last message (the view's close button on an error). */
  public void dismissMessage() {
    messageIsError.set(false);
    message.set("");
  }
}
