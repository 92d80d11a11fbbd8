package io.platformsandbox.app.webhooks;

import atlantafx.base.theme.Styles;
import atlantafx.base.theme.Tweaks;
import io.platformsandbox.app.dialogs.Dialogs;
import io.platformsandbox.app.dialogs.FormDialog;
import io.platformsandbox.app.model.DeliveryAttempt;
import io.platformsandbox.app.model.DeliveryInfo;
import io.platformsandbox.app.model.WebhookInfo;
import io.platformsandbox.app.session.SandboxSession;
import io.platformsandbox.app.shell.Icons;
import io.platformsandbox.app.shell.Tables;
import io.platformsandbox.app.shell.TenantPicker;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import javafx.collections.ListChangeListener;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.SplitPane;
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
    ComboBox<String> tenant = TenantPicker.create("webhooks-tenant", session, vm.tenantProperty());
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
    Tables.styleAsList(deliveries, "No deliveries yet. Events the webhook subscribes to are delivered as they happen.");
    TableColumn<DeliveryInfo, String> created = Tables.textColumn("Created", 70, d -> time(d.createdAt()));
    TableColumn<DeliveryInfo, String> type = Tables.textColumn("Event", 170, DeliveryInfo::eventType);
    TableColumn<DeliveryInfo, String> status = Tables.textColumn("Status", 84, DeliveryInfo::status);
    status.setCellFactory(c -> Tables.styledCell(s -> "delivery-" + s));
    TableColumn<DeliveryInfo, String> count = Tables.textColumn("Attempts", 84, d -> Integer.toString(d.attempts()));
    count.getStyleClass().add("align-right");
    TableColumn<DeliveryInfo, String> next = Tables.textColumn("Next attempt", 106, d -> d.nextAttemptAt() == null ? "—" : time(d.nextAttemptAt()));
    TableColumn<DeliveryInfo, String> last = Tables.textColumn("Last result", 90, d -> d.lastAttempt() == null ? "—" : d.lastAttempt().outcome());
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
    Tables.styleAsList(attempts, "Select a delivery to see its attempts.");
    TableColumn<DeliveryAttempt, String> n = Tables.textColumn("#", 40, a -> Integer.toString(a.attempt()) + (a.manual() ? " ✋" : ""));
    TableColumn<DeliveryAttempt, String> at = Tables.textColumn("At", 70, a -> time(a.at()));
    TableColumn<DeliveryAttempt, String> code = Tables.textColumn("Status", 60, a -> a.statusCode() == null ? "—" : Integer.toString(a.statusCode()));
    // No status code means the attempt never got an answer: shown like a server error.
    code.setCellFactory(c -> Tables.styledCell(s -> s.startsWith("2") ? "status-2xx" : s.startsWith("4") ? "status-4xx" : "status-5xx"));
    TableColumn<DeliveryAttempt, String> ms = Tables.textColumn("ms", 64, a -> String.format(Locale.ROOT, "%.1f", a.latencyMs()));
    ms.getStyleClass().add("align-right");
    TableColumn<DeliveryAttempt, String> error = Tables.textColumn("Error", 150, a -> a.error() == null ? "" : a.error());
    TableColumn<DeliveryAttempt, String> excerpt = Tables.textColumn("Response excerpt", 160, a -> a.responseExcerpt() == null ? "" : a.responseExcerpt().replaceAll("\\s+", " "));
    attempts.getColumns().setAll(List.of(n, at, code, ms, error, excerpt));
    attempts.setRowFactory(t -> new javafx.scene.control.TableRow<>() {
      @Override
      protected void updateItem(DeliveryAttempt a, boolean empty) {
        super.updateItem(a, empty);
        setTooltip(empty || a == null || a.responseExcerpt() == null ? null : new Tooltip(a.responseExcerpt()));
      }
    });
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
    return Tables.localTime(TIME, iso);
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
