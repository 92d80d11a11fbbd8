package io.platformsandbox.app.webhooks;

import io.platformsandbox.app.core.BackgroundExecutor;
import io.platformsandbox.app.core.Notifications;
import io.platformsandbox.app.http.ApiException;
import io.platformsandbox.app.model.DeliveryAttempt;
import io.platformsandbox.app.model.DeliveryInfo;
import io.platformsandbox.app.model.WebhookInfo;
import io.platformsandbox.app.session.SandboxSession;
import java.util.Arrays;
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

/**
 * A tenant's webhooks and their deliveries, each with every attempt (status code, latency, error,
 * response excerpt); redeliver one now, and move the sandbox clock forward so that due retries
 * fire. Polled (every two seconds by the shell while the view shows).
 *
 * <p>Threading: JavaFX thread; calls through the {@link BackgroundExecutor}.
 */
public final class WebhooksViewModel {
  static final int DELIVERIES = 100;

  private final SandboxSession session;
  private final BackgroundExecutor executor;
  private final Notifications notifications;
  private final StringProperty tenant = new SimpleStringProperty();
  private final ObservableList<WebhookInfo> webhooks = FXCollections.observableArrayList();
  private final ObjectProperty<WebhookInfo> selectedWebhook = new SimpleObjectProperty<>();
  private final ObservableList<DeliveryInfo> deliveries = FXCollections.observableArrayList();
  private final ObjectProperty<DeliveryInfo> selectedDelivery = new SimpleObjectProperty<>();
  private final ObservableList<DeliveryAttempt> attempts = FXCollections.observableArrayList();
  private final ReadOnlyStringWrapper deliveryText = new ReadOnlyStringWrapper("");
  private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");
  private final StringProperty advanceSeconds = new SimpleStringProperty("60");
  private final BooleanProperty active = new SimpleBooleanProperty(false);
  private String wantedWebhook;
  private boolean loading;
  private int generation;

  public WebhooksViewModel(SandboxSession session, BackgroundExecutor executor, Notifications notifications) {
    this.session = session;
    this.executor = executor;
    this.notifications = notifications;
    tenant.set(session.selectedTenantProperty().get());
    session.selectedTenantProperty().addListener((o, a, b) -> {
      if (b != null) {
        tenant.set(b);
      }
    });
    tenant.addListener((o, a, b) -> {
      generation++;
      loading = false;
      webhooks.clear();
      deliveries.clear();
      selectedWebhook.set(null);
      reload();
    });
    session.apiUrlProperty().addListener((o, a, b) -> {
      webhooks.clear();
      deliveries.clear();
    });
    selectedWebhook.addListener((o, a, b) -> {
      if (!sameId(a, b)) {
        deliveries.clear();
        selectedDelivery.set(null);
        loadDeliveries();
      }
    });
    selectedDelivery.addListener((o, a, b) -> showDelivery(b));
  }

  private static boolean sameId(WebhookInfo a, WebhookInfo b) {
    return a != null && b != null && a.id().equals(b.id());
  }

  // ---- state -------------------------------------------------------------------------------

  public StringProperty tenantProperty() {
    return tenant;
  }

  public ObservableList<WebhookInfo> webhooks() {
    return webhooks;
  }

  public ObjectProperty<WebhookInfo> selectedWebhookProperty() {
    return selectedWebhook;
  }

  /** The selected webhook's deliveries, newest first. */
  public ObservableList<DeliveryInfo> deliveries() {
    return deliveries;
  }

  public ObjectProperty<DeliveryInfo> selectedDeliveryProperty() {
    return selectedDelivery;
  }

  /** Every attempt of the selected delivery, oldest first. */
  public ObservableList<DeliveryAttempt> attempts() {
    return attempts;
  }

  /** The selected delivery in a few lines (ids, status, next attempt). */
  public ReadOnlyStringProperty deliveryTextProperty() {
    return deliveryText.getReadOnlyProperty();
  }

  /** "2 webhooks · 5 deliveries · 1 pending" or the last error. */
  public ReadOnlyStringProperty statusProperty() {
    return status.getReadOnlyProperty();
  }

  /** The "Advance clock" amount, in seconds, as typed. */
  public StringProperty advanceSecondsProperty() {
    return advanceSeconds;
  }

  /** True while the view shows: {@link #poll} only reads then. */
  public BooleanProperty activeProperty() {
    return active;
  }

  // ---- reading -----------------------------------------------------------------------------

  /** Shows a webhook of a tenant (the explorer's webhook nodes). */
  public void show(String tenantName, String webhookId) {
    wantedWebhook = webhookId;
    if (!Objects.equals(tenant.get(), tenantName)) {
      tenant.set(tenantName);
    } else {
      selectWanted();
      reload();
    }
  }

  /** The shell's timer: re-reads while the view shows. */
  public void poll() {
    if (active.get()) {
      reload();
    }
  }

  /** Re-reads the webhooks, then the selected webhook's deliveries. */
  public void reload() {
    String t = tenant.get();
    if (t == null || session.control() == null || loading) {
      return;
    }
    loading = true;
    int gen = generation;
    executor.submitQuiet(
        () -> session.workbenchClient(t, false).webhooks(),
        list -> {
          if (gen != generation) {
            return;
          }
          loading = false;
          if (!list.equals(webhooks)) {
            webhooks.setAll(list);
          }
          WebhookInfo sel = selectedWebhook.get();
          if (sel != null) {
            selectedWebhook.set(list.stream().filter(w -> w.id().equals(sel.id())).findFirst().orElse(null));
          }
          selectWanted();
          if (selectedWebhook.get() == null && !list.isEmpty()) {
            selectedWebhook.set(list.get(0));
          } else {
            loadDeliveries();
          }
          updateStatus();
        },
        e -> {
          loading = false;
          status.set("Cannot read the webhooks: " + Notifications.describe(e));
        });
  }

  private void selectWanted() {
    if (wantedWebhook == null) {
      return;
    }
    webhooks.stream()
        .filter(w -> w.id().equals(wantedWebhook))
        .findFirst()
        .ifPresent(w -> {
          wantedWebhook = null;
          selectedWebhook.set(w);
        });
  }

  /** Re-reads the selected webhook's deliveries, keeping the selected delivery. */
  public void loadDeliveries() {
    WebhookInfo w = selectedWebhook.get();
    if (w == null || session.control() == null) {
      return;
    }
    executor.submitQuiet(
        () -> session.workbenchClient(w.tenant(), false).deliveries(w.id(), DELIVERIES),
        this::applyDeliveries,
        e -> status.set("Cannot read the deliveries: " + Notifications.describe(e)));
  }

  private void applyDeliveries(List<DeliveryInfo> list) {
    WebhookInfo w = selectedWebhook.get();
    if (w == null || list.stream().anyMatch(d -> !d.webhookId().equals(w.id()))) {
      return;
    }
    if (!list.equals(deliveries)) {
      deliveries.setAll(list);
    }
    DeliveryInfo sel = selectedDelivery.get();
    if (sel != null) {
      selectedDelivery.set(list.stream().filter(d -> d.id().equals(sel.id())).findFirst().orElse(null));
    }
    updateStatus();
  }

  private void showDelivery(DeliveryInfo d) {
    if (d == null) {
      attempts.clear();
      deliveryText.set("");
      return;
    }
    if (!d.history().equals(attempts)) {
      attempts.setAll(d.history());
    }
    deliveryText.set(
        d.eventType() + " · " + d.status() + " · " + d.attempts() + (d.attempts() == 1 ? " attempt" : " attempts")
            + (d.nextAttemptAt() == null ? "" : " · next attempt at " + d.nextAttemptAt())
            + "\nDelivery " + d.id() + " · event " + d.eventId() + " · created " + d.createdAt());
  }

  private void updateStatus() {
    long pending = deliveries.stream().filter(d -> d.status().equals("pending")).count();
    long dead = deliveries.stream().filter(d -> d.status().equals("dead")).count();
    status.set(
        webhooks.size() + (webhooks.size() == 1 ? " webhook" : " webhooks")
            + (selectedWebhook.get() == null ? "" : " · " + deliveries.size() + (deliveries.size() == 1 ? " delivery" : " deliveries"))
            + (pending > 0 ? " · " + pending + " pending" : "")
            + (dead > 0 ? " · " + dead + " dead" : ""));
  }

  // ---- actions -----------------------------------------------------------------------------

  /** One attempt of the selected delivery now; the answer replaces it in the list. */
  public void redeliver() {
    DeliveryInfo d = selectedDelivery.get();
    WebhookInfo w = selectedWebhook.get();
    if (d == null || w == null) {
      return;
    }
    executor.submit(
        "Redelivering " + d.eventType(),
        () -> session.workbenchClient(w.tenant(), false).redeliver(w.id(), d.id()),
        after -> {
          int i = indexOf(after.id());
          if (i >= 0) {
            deliveries.set(i, after);
          }
          selectedDelivery.set(after);
          DeliveryAttempt last = after.lastAttempt();
          if (last != null && last.succeeded()) {
            notifications.success("Redelivered", after.eventType() + " → " + last.statusCode() + " in " + Math.round(last.latencyMs()) + " ms");
          } else {
            notifications.post(io.platformsandbox.app.core.Notice.warning("Redelivery failed", after.eventType() + ": " + (last == null ? "no attempt" : last.outcome())));
          }
          updateStatus();
        },
        e -> notifications.error("Redeliver " + d.id(), e));
  }

  private int indexOf(String deliveryId) {
    for (int i = 0; i < deliveries.size(); i++) {
      if (deliveries.get(i).id().equals(deliveryId)) {
        return i;
      }
    }
    return -1;
  }

  /** {@link #advanceClock(Runnable, Consumer)} with failures as notices. */
  public void advanceClock() {
    advanceClock(() -> {}, e -> notifications.error("Advance the clock", e));
  }

  /**
   * Moves the sandbox clock forward by {@link #advanceSecondsProperty()} seconds, so that due
   * retries fire, then re-reads the deliveries. A bad amount is reported in {@code onError}.
   */
  public void advanceClock(Runnable onDone, Consumer<Throwable> onError) {
    double seconds;
    try {
      seconds = Double.parseDouble(advanceSeconds.get().strip());
    } catch (RuntimeException e) {
      onError.accept(new ApiException(422, "", "Validation failed", "Seconds must be a number.", Map.of("seconds", "must be a number of seconds"), null));
      return;
    }
    session.advanceClock(
        seconds,
        () -> {
          reload();
          onDone.run();
        },
        onError);
  }

  /** Registers a webhook as the workbench ({@code events}: comma- or space-separated). */
  public void createWebhook(String url, String events, Consumer<WebhookInfo> onDone, Consumer<Throwable> onError) {
    String t = tenant.get();
    if (t == null || session.control() == null) {
      onError.accept(new ApiException(422, "", "Validation failed", null, Map.of("url", "needs a tenant: create one first"), null));
      return;
    }
    List<String> list = Arrays.stream((events == null ? "" : events).split("[,\\s]+")).filter(s -> !s.isBlank()).toList();
    executor.submit(
        "Registering a webhook",
        () -> WebhookInfo.from(t, session.workbenchClient(t, true).createWebhook(url == null ? "" : url.strip(), list)),
        w -> {
          notifications.success("Webhook registered", w.url());
          wantedWebhook = w.id();
          reload();
          onDone.accept(w);
        },
        onError::accept);
  }
}
