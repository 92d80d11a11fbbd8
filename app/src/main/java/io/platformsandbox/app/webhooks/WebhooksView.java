package io.platformsandbox.app.webhooks;

import atlantafx.base.theme.Styles;
import atlantafx.base.theme.Tweaks;
import io.platformsandbox.app.dialogs.Dialogs;
import io.platformsandbox.app.dialogs.FormDialog;
import io.platformsandbox.app.model.DeliveryAttempt;
import io.platformsandbox.app.model.DeliveryInfo;
import io.platformsandbox.app.model.TenantInfo;
import io.platformsandbox.app.model.WebhookInfo;
import io.platformsandbox.app.session.SandboxSession;
import io.platformsandbox.app.shell.Icons;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.material2.Material2AL;
import org.kordamp.ikonli.material2.Material2MZ;

/** Webhooks of a tenant, their deliveries and every attempt; redeliver; advance the clock. */
public final class WebhooksView extends BorderPane {
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT).withZone(ZoneId.systemDefault());
  private final WebhooksViewModel vm;
  private final SandboxSession session;
  private final ListView<WebhookInfo> list = new ListView<>();
  private final TableView<DeliveryInfo> deliveries = new TableView<>();
  private final TableView<DeliveryAttempt> attempts = new TableView<>();

  public WebhooksView(WebhooksViewModel vm, SandboxSession session) {
    this.vm = vm;
    this.session = session;
    setId("webhooks-view");
    getStyleClass().add("webhooks-view");
    setTop(toolbar());
    SplitPane right = new SplitPane(deliveriesPane(), attemptsPane());
    right.setOrientation(Orientation.VERTICAL);
    right.setDividerPositions(0.55);
    SplitPane split = new SplitPane(webhooksPane(), right);
    split.setDividerPositions(0.25);
    setCenter(split);
  }

  public TableView<DeliveryInfo> deliveriesTable() {
    return deliveries;
  }

  private HBox toolbar() {
    ObservableList<String> tenantIds = FXCollections.observableArrayList();
    Runnable syncTenants = () -> tenantIds.setAll(session.tenants().stream().map(TenantInfo::id).toList());
    syncTenants.run();
    session.tenants().addListener((ListChangeListener<TenantInfo>) c -> syncTenants.run());
    ComboBox<String> tenant = new ComboBox<>(tenantIds);
    tenant.setId("webhooks-tenant");
    tenant.setPromptText("No tenant");
    tenant.valueProperty().bindBidirectional(vm.tenantProperty());
    tenant.setPrefWidth(150);
    tenant.setMinWidth(110);
    Label tenantLabel = new Label("Tenant");
    tenantLabel.getStyleClass().add(Styles.TEXT_MUTED);
    tenantLabel.setMinWidth(Region.USE_PREF_SIZE);
    Button reload = new Button(null, Icons.of(Material2MZ.REFRESH));
    reload.getStyleClass().addAll(Styles.BUTTON_ICON, Styles.FLAT);
    reload.setTooltip(new Tooltip("Reload webhooks and deliveries"));
    reload.setOnAction(e -> vm.reload());
    Button add = new Button("New webhook…", Icons.of(Material2AL.ADD));
    add.setId("webhooks-new");
    add.getStyleClass().add(Styles.FLAT);
    add.setMinWidth(Region.USE_PREF_SIZE);
    add.disableProperty().bind(vm.tenantProperty().isNull());
    add.setOnAction(e -> openNewWebhook());
    Region spacer = new Region();
    HBox.setHgrow(spacer, Priority.ALWAYS);
    Label status = new Label();
    status.setId("webhooks-status");
    status.textProperty().bind(vm.statusProperty());
    status.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_MUTED);
    status.setMinWidth(Region.USE_PREF_SIZE);
    TextField seconds = new TextField();
    seconds.setId("webhooks-advance-seconds");
    seconds.textProperty().bindBidirectional(vm.advanceSecondsProperty());
    seconds.setPrefColumnCount(5);
    seconds.setTooltip(new Tooltip("Seconds to move the sandbox clock forward"));
    Label unit = new Label("s");
    unit.getStyleClass().add(Styles.TEXT_MUTED);
    Button advance = new Button("Advance clock", Icons.of(Material2AL.FAST_FORWARD));
    advance.setId("webhooks-advance");
    advance.setMinWidth(Region.USE_PREF_SIZE);
    advance.setTooltip(new Tooltip("Move the sandbox clock forward: retries that become due fire now (POST /_sandbox/clock/advance)"));
    advance.setOnAction(e -> vm.advanceClock());
    seconds.setOnAction(e -> advance.fire());
    HBox clock = new HBox(4, seconds, unit, advance);
    clock.setAlignment(Pos.CENTER_LEFT);
    HBox bar = new HBox(8, tenantLabel, tenant, reload, add, spacer, status, clock);
    bar.setAlignment(Pos.CENTER_LEFT);
    bar.getStyleClass().add("view-toolbar");
    return bar;
  }

  private BorderPane webhooksPane() {
    list.setId("webhooks-list");
    list.setItems(vm.webhooks());
    list.getStyleClass().addAll(Tweaks.EDGE_TO_EDGE, Styles.DENSE);
    list.setCellFactory(l -> new ListCell<>() {
      @Override
      protected void updateItem(WebhookInfo w, boolean empty) {
        super.updateItem(w, empty);
        if (empty || w == null) {
          setText(null);
          setGraphic(null);
          return;
        }
        Label url = new Label(w.url());
        url.setGraphic(Icons.of(Material2AL.CALL_SPLIT));
        url.setTooltip(new Tooltip(w.url()));
        Label events = new Label(w.eventsText());
        events.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_MUTED);
        Label id = new Label(w.id());
        id.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_MUTED, "mono");
        VBox box = new VBox(2, url, events, id);
        box.setMinWidth(0);
        box.setPrefWidth(0);
        for (Label l : List.of(url, events, id)) {
          l.setMinWidth(0);
          l.setMaxWidth(Double.MAX_VALUE);
        }
        setPrefWidth(0);
        setText(null);
        setGraphic(box);
      }
    });
    list.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> {
      if (b != null) {
        vm.selectedWebhookProperty().set(b);
      }
    });
    vm.selectedWebhookProperty().addListener((o, a, b) -> {
      if (b != null && b != list.getSelectionModel().getSelectedItem()) {
        list.getSelectionModel().select(b);
      }
    });
    Label empty = new Label("No webhooks in this tenant.\nRegister one with New webhook… or POST /v1/webhooks.");
    empty.getStyleClass().add(Styles.TEXT_MUTED);
    empty.setWrapText(true);
    list.setPlaceholder(empty);
    return titled("Webhooks", list, null);
  }

  private BorderPane deliveriesPane() {
    deliveries.setId("deliveries-table");
    deliveries.setItems(vm.deliveries());
    deliveries.getStyleClass().addAll(Tweaks.EDGE_TO_EDGE, Styles.DENSE, Styles.STRIPED);
    deliveries.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
    TableColumn<DeliveryInfo, String> created = col("Created", 70, d -> time(d.createdAt()));
    TableColumn<DeliveryInfo, String> type = col("Event", 170, DeliveryInfo::eventType);
    TableColumn<DeliveryInfo, String> status = col("Status", 84, DeliveryInfo::status);
    status.setCellFactory(c -> styled(s -> "delivery-" + s));
    TableColumn<DeliveryInfo, String> count = col("Attempts", 84, d -> Integer.toString(d.attempts()));
    count.getStyleClass().add("align-right");
    TableColumn<DeliveryInfo, String> next = col("Next attempt", 106, d -> d.nextAttemptAt() == null ? "—" : time(d.nextAttemptAt()));
    TableColumn<DeliveryInfo, String> last = col("Last result", 90, d -> d.lastAttempt() == null ? "—" : d.lastAttempt().outcome());
    deliveries.getColumns().setAll(List.of(created, type, status, count, next, last));
    deliveries.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> {
      if (b != null) {
        vm.selectedDeliveryProperty().set(b);
      }
    });
    vm.selectedDeliveryProperty().addListener((o, a, b) -> {
      if (b != null && b != deliveries.getSelectionModel().getSelectedItem()) {
        deliveries.getSelectionModel().select(b);
      }
    });
    vm.deliveries().addListener((ListChangeListener<DeliveryInfo>) c -> {
      DeliveryInfo sel = vm.selectedDeliveryProperty().get();
      if (sel != null && vm.deliveries().contains(sel) && deliveries.getSelectionModel().getSelectedItem() != sel) {
        deliveries.getSelectionModel().select(sel);
      }
    });
    Label empty = new Label("No deliveries yet. Events the webhook subscribes to are delivered as they happen.");
    empty.getStyleClass().add(Styles.TEXT_MUTED);
    empty.setWrapText(true);
    deliveries.setPlaceholder(empty);
    Button redeliver = new Button("Redeliver", Icons.of(Material2MZ.REPLAY));
    redeliver.setId("deliveries-redeliver");
    redeliver.getStyleClass().addAll(Styles.SMALL);
    redeliver.setTooltip(new Tooltip("Make one attempt of the selected delivery now, whatever its status"));
    redeliver.disableProperty().bind(vm.selectedDeliveryProperty().isNull());
    redeliver.setOnAction(e -> vm.redeliver());
    return titled("Deliveries", deliveries, redeliver);
  }

  private BorderPane attemptsPane() {
    attempts.setId("attempts-table");
    attempts.setItems(vm.attempts());
    attempts.getStyleClass().addAll(Tweaks.EDGE_TO_EDGE, Styles.DENSE, Styles.STRIPED);
    attempts.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
    TableColumn<DeliveryAttempt, String> n = acol("#", 40, a -> Integer.toString(a.attempt()) + (a.manual() ? " ✋" : ""));
    TableColumn<DeliveryAttempt, String> at = acol("At", 70, a -> time(a.at()));
    TableColumn<DeliveryAttempt, String> code = acol("Status", 60, a -> a.statusCode() == null ? "—" : Integer.toString(a.statusCode()));
    code.setCellFactory(c -> attemptStyled());
    TableColumn<DeliveryAttempt, String> ms = acol("ms", 64, a -> String.format(Locale.ROOT, "%.1f", a.latencyMs()));
    ms.getStyleClass().add("align-right");
    TableColumn<DeliveryAttempt, String> error = acol("Error", 150, a -> a.error() == null ? "" : a.error());
    TableColumn<DeliveryAttempt, String> excerpt = acol("Response excerpt", 160, a -> a.responseExcerpt() == null ? "" : a.responseExcerpt().replaceAll("\\s+", " "));
    attempts.getColumns().setAll(List.of(n, at, code, ms, error, excerpt));
    attempts.setRowFactory(t -> new javafx.scene.control.TableRow<>() {
      @Override
      protected void updateItem(DeliveryAttempt a, boolean empty) {
        super.updateItem(a, empty);
        setTooltip(empty || a == null || a.responseExcerpt() == null ? null : new Tooltip(a.responseExcerpt()));
      }
    });
    Label empty = new Label("Select a delivery to see its attempts.");
    empty.getStyleClass().add(Styles.TEXT_MUTED);
    attempts.setPlaceholder(empty);
    Label summary = new Label();
    summary.setId("delivery-summary");
    summary.textProperty().bind(vm.deliveryTextProperty());
    summary.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_MUTED);
    summary.setWrapText(true);
    BorderPane p = titled("Attempts", attempts, null);
    VBox top = new VBox(2, p.getTop(), summary);
    summary.visibleProperty().bind(vm.deliveryTextProperty().isNotEmpty());
    summary.managedProperty().bind(summary.visibleProperty());
    summary.getStyleClass().add("delivery-summary");
    p.setTop(top);
    return p;
  }

  private static BorderPane titled(String title, javafx.scene.Node content, javafx.scene.Node extra) {
    Label l = new Label(title);
    l.getStyleClass().add("section-title");
    l.setMaxWidth(Double.MAX_VALUE);
    HBox.setHgrow(l, Priority.ALWAYS);
    HBox head = new HBox(8, l);
    head.setAlignment(Pos.CENTER_LEFT);
    if (extra != null) {
      head.getChildren().add(extra);
      head.getStyleClass().add("section-head");
    }
    BorderPane p = new BorderPane(content);
    p.setTop(head);
    return p;
  }

  private static String time(String iso) {
    try {
      return TIME.format(Instant.parse(iso));
    } catch (RuntimeException e) {
      return iso;
    }
  }

  private static <T> TableColumn<T, String> column(String title, double width, Function<T, String> f) {
    TableColumn<T, String> c = new TableColumn<>(title);
    c.setCellValueFactory(d -> Bindings.createStringBinding(() -> f.apply(d.getValue())));
    c.setPrefWidth(width);
    c.setMinWidth(width);
    c.setSortable(false);
    return c;
  }

  private static TableColumn<DeliveryInfo, String> col(String title, double width, Function<DeliveryInfo, String> f) {
    return column(title, width, f);
  }

  private static TableColumn<DeliveryAttempt, String> acol(String title, double width, Function<DeliveryAttempt, String> f) {
    return column(title, width, f);
  }

  private static TableCell<DeliveryInfo, String> styled(Function<String, String> styleOf) {
    return new TableCell<>() {
      private String applied;

      @Override
      protected void updateItem(String item, boolean empty) {
        super.updateItem(item, empty);
        if (applied != null) {
          getStyleClass().remove(applied);
          applied = null;
        }
        setText(empty ? null : item);
        if (!empty && item != null) {
          applied = styleOf.apply(item);
          getStyleClass().add(applied);
        }
      }
    };
  }

  private static TableCell<DeliveryAttempt, String> attemptStyled() {
    return new TableCell<>() {
      private String applied;

      @Override
      protected void updateItem(String item, boolean empty) {
        super.updateItem(item, empty);
        if (applied != null) {
          getStyleClass().remove(applied);
          applied = null;
        }
        setText(empty ? null : item);
        if (!empty && item != null) {
          applied = item.startsWith("2") ? "status-2xx" : item.startsWith("4") ? "status-4xx" : "status-5xx";
          getStyleClass().add(applied);
        }
      }
    };
  }

  /** The new-webhook form: URL and subscriptions; the API's errors under the fields. */
  public FormDialog openNewWebhook() {
    FormDialog f =
        new FormDialog(
            getScene() == null ? null : getScene().getWindow(),
            "new-webhook",
            "New webhook",
            "Register a URL to receive tenant " + vm.tenantProperty().get() + "'s platform events (signed with the webhook's secret).",
            "Register");
    TextField url = f.text("url", "URL", "http://127.0.0.1:9000/hooks", "");
    TextField events = f.text("events", "Events", "record.created:contacts, subject.erasure_requested, *", "*");
    f.onSubmit(d -> vm.createWebhook(url.getText(), events.getText(), w -> d.close(), e -> Dialogs.showApiError(d, e)));
    f.show();
    return f;
  }
}
