package io.platformsandbox.app.events;

import atlantafx.base.theme.Styles;
import io.platformsandbox.app.dialogs.Dialogs;
import io.platformsandbox.app.dialogs.FormDialog;
import io.platformsandbox.app.editor.CodeAreas;
import io.platformsandbox.app.editor.Language;
import io.platformsandbox.app.model.EventItem;
import io.platformsandbox.app.session.SandboxSession;
import io.platformsandbox.app.shell.Icons;
import io.platformsandbox.app.shell.Tables;
import io.platformsandbox.app.shell.TenantPicker;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import org.fxmisc.richtext.CodeArea;
import org.kordamp.ikonli.material2.Material2AL;
import org.kordamp.ikonli.material2.Material2MZ;

/** The event timeline: tenant and topic pickers, the live list (newest first), the event's JSON. */
public final class EventsView extends BorderPane {
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS", Locale.ROOT).withZone(ZoneId.systemDefault());
  private final EventsViewModel vm;
  private final SandboxSession session;
  private final TableView<EventItem> table = new TableView<>();

  public EventsView(EventsViewModel vm, SandboxSession session) {
    this.vm = vm;
    this.session = session;
    setId("events-view");
    getStyleClass().add("events-view");
    setTop(toolbar());
    SplitPane split = new SplitPane(buildTable(), detail());
    split.setDividerPositions(0.6);
    setCenter(split);
  }

  public TableView<EventItem> table() {
    return table;
  }

  private HBox toolbar() {
    ComboBox<String> tenant = TenantPicker.create("events-tenant", session, vm.tenantProperty());
    ComboBox<String> topic = new ComboBox<>(vm.topics());
    topic.setId("events-topic");
    topic.valueProperty().bindBidirectional(vm.topicProperty());
    topic.setPrefWidth(170);
    topic.setMinWidth(110);
    topic.setOnShowing(e -> vm.loadTopics());
    Label tenantLabel = muted("Tenant");
    Label topicLabel = muted("Topic");
    ToggleButton pause = new ToggleButton(null, Icons.of(Material2MZ.PAUSE));
    pause.setId("events-pause");
    pause.getStyleClass().addAll(Styles.BUTTON_ICON, Styles.FLAT);
    pause.setTooltip(new Tooltip("Pause the live view"));
    pause.setSelected(!vm.followingProperty().get());
    pause.selectedProperty().addListener((o, a, b) -> vm.followingProperty().set(!b));
    vm.followingProperty().addListener((o, a, b) -> pause.setSelected(!b));
    Button reload = new Button(null, Icons.of(Material2MZ.REFRESH));
    reload.getStyleClass().addAll(Styles.BUTTON_ICON, Styles.FLAT);
    reload.setTooltip(new Tooltip("Read the topic again from its first event"));
    reload.setOnAction(e -> vm.restart());
    Region spacer = new Region();
    HBox.setHgrow(spacer, Priority.ALWAYS);
    Label status = new Label();
    status.setId("events-status");
    status.textProperty().bind(vm.statusProperty());
    status.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_MUTED);
    status.setMinWidth(Region.USE_PREF_SIZE);
    Button trigger = new Button("Trigger event…", Icons.of(Material2AL.FLASH_ON));
    trigger.setId("events-trigger");
    trigger.getStyleClass().add(Styles.ACCENT);
    trigger.setMinWidth(Region.USE_PREF_SIZE);
    trigger.setTooltip(new Tooltip("Emit a platform event in this tenant, as if the platform had (POST /_sandbox/trigger)"));
    trigger.disableProperty().bind(vm.tenantProperty().isNull());
    trigger.setOnAction(e -> openTrigger());
    HBox bar = new HBox(8, tenantLabel, tenant, topicLabel, topic, reload, pause, spacer, status, trigger);
    bar.setAlignment(Pos.CENTER_LEFT);
    bar.getStyleClass().add("view-toolbar");
    return bar;
  }

  private static Label muted(String text) {
    Label l = new Label(text);
    l.getStyleClass().add(Styles.TEXT_MUTED);
    l.setMinWidth(Region.USE_PREF_SIZE);
    return l;
  }

  private TableView<EventItem> buildTable() {
    table.setId("events-table");
    table.setItems(vm.events());
    Tables.styleAsList(table, "No events yet. Events show here as they are published; try Trigger event.");
    TableColumn<EventItem, String> offset = Tables.textColumn("Offset", 64, e -> Long.toString(e.offset()));
    offset.getStyleClass().add("align-right");
    TableColumn<EventItem, String> time = Tables.textColumn("Time", 100, e -> Tables.localTime(TIME, e.occurredAt()));
    TableColumn<EventItem, String> type = Tables.textColumn("Type", 200, EventItem::type);
    TableColumn<EventItem, String> subject = Tables.textColumn("Subject", 90, e -> e.subject() == null ? "—" : e.subject());
    table.getColumns().setAll(List.of(offset, time, type, subject));
    table.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> vm.selectedProperty().set(b));
    vm.selectedProperty().addListener((o, a, b) -> {
      if (b != table.getSelectionModel().getSelectedItem()) {
        if (b == null) {
          table.getSelectionModel().clearSelection();
        } else {
          table.getSelectionModel().select(b);
        }
      }
    });
    return table;
  }

  private BorderPane detail() {
    CodeArea json = CodeAreas.create(Language.JSON, false);
    json.setEditable(false);
    json.setId("events-detail");
    json.setWrapText(true);
    vm.detailProperty().addListener((o, a, b) -> CodeAreas.setText(json, b, Language.JSON));
    Label title = new Label("Event");
    title.getStyleClass().add("section-title");
    BorderPane p = new BorderPane(CodeAreas.scroll(json));
    p.setTop(title);
    return p;
  }

  /** The trigger form: type, subject, data; the API's validation errors show under the fields. */
  public FormDialog openTrigger() {
    String tenant = vm.tenantProperty().get();
    FormDialog f =
        new FormDialog(
            getScene() == null ? null : getScene().getWindow(),
            "trigger-event",
            "Trigger event",
            "Emit a platform event in tenant " + (tenant == null ? "—" : tenant) + ": consumers of its platform topic and webhooks subscribed to the type get it.",
            "Trigger");
    TextField type = f.text("type", "Type", "record.created, subject.erasure_requested", "subject.erasure_requested");
    TextField subject = f.text("subject", "Subject", "optional: the data subject's id", "");
    TextArea data = new TextArea("{}");
    data.getStyleClass().add("mono");
    data.setPrefRowCount(6);
    data.setWrapText(true);
    f.add("data", "Data (JSON)", data);
    f.onSubmit(d -> vm.trigger(type.getText(), subject.getText().strip(), data.getText(), ev -> d.close(), e -> Dialogs.showApiError(d, e)));
    f.show();
    type.selectAll();
    return f;
  }
}
