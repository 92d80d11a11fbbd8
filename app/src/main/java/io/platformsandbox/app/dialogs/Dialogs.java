package io.platformsandbox.app.dialogs;

import atlantafx.base.theme.Styles;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.platformsandbox.app.core.Json;
import io.platformsandbox.app.core.Notifications;
import io.platformsandbox.app.explorer.ExplorerViewModel;
import io.platformsandbox.app.http.ApiException;
import io.platformsandbox.app.model.AppInfo;
import io.platformsandbox.app.model.CollectionInfo;
import io.platformsandbox.app.model.Scopes;
import io.platformsandbox.app.model.TenantInfo;
import io.platformsandbox.app.session.SandboxSession;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import javafx.collections.FXCollections;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.control.TextInputDialog;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

/** The workbench's forms: new tenant, app and collection, connect, confirm. */
public final class Dialogs {
  private static final List<String> TYPES = List.of("string", "integer", "number", "boolean", "datetime", "json");
  private static final List<String> CLASSIFICATIONS = List.of("none", "pii", "phi");

  private Dialogs() {}

  public static FormDialog newTenant(Window owner, SandboxSession session) {
    FormDialog f = new FormDialog(owner, "new-tenant", "New tenant", "A tenant is an isolated customer workspace of the platform.", "Create tenant");
    TextField id = f.text("id", "Id", "acme", "");
    TextField name = f.text("name", "Name", "Acme Corp", "");
    f.onSubmit(
        d -> session.createTenant(id.getText().strip(), name.getText().strip(), d::close, e -> showApiError(d, e)));
    return f;
  }

  public static FormDialog newApp(Window owner, SandboxSession session, String tenant, Consumer<AppInfo> onCreated) {
    FormDialog f = new FormDialog(owner, "new-app", "New app", "An app is an integration registered in a tenant: a client id, a secret and scopes.", "Create app");
    ComboBox<String> tenants = tenantPicker(session, tenant);
    f.add("tenant", "Tenant", tenants);
    TextField name = f.text("name", "Name", "crm-sync", "");
    FlowPane scopes = new FlowPane(10, 6);
    scopes.setPrefWrapLength(440);
    List<CheckBox> boxes = new ArrayList<>();
    Set<String> preset = Set.of("records:read", "records:write");
    for (String s : Scopes.ALL) {
      CheckBox cb = new CheckBox(s);
      cb.setId("scope-" + s.replace(':', '-'));
      cb.setSelected(preset.contains(s));
      cb.setMinWidth(140);
      boxes.add(cb);
      scopes.getChildren().add(cb);
    }
    f.add("scopes", "Scopes", scopes);
    f.onSubmit(
        d -> {
          List<String> chosen = boxes.stream().filter(CheckBox::isSelected).map(CheckBox::getText).toList();
          if (tenants.getValue() == null) {
            d.showErrors(java.util.Map.of("tenant", "is required: create a tenant first"));
            return;
          }
          session.createApp(
              tenants.getValue(),
              name.getText().strip(),
              chosen,
              a -> {
                d.close();
                onCreated.accept(a);
              },
              e -> showApiError(d, e));
        });
    return f;
  }

  /** One editable field row of the new-collection form. */
  private record FieldRow(HBox box, TextField name, ComboBox<String> type, CheckBox required, ComboBox<String> classification, CheckBox indexed) {}

  public static FormDialog newCollection(Window owner, SandboxSession session, ExplorerViewModel explorer, String tenant, Consumer<CollectionInfo> onCreated) {
    FormDialog f = new FormDialog(owner, "new-collection", "New collection", "A collection holds records with a schema: typed fields, PII classification and indexes.", "Create collection");
    ComboBox<String> tenants = tenantPicker(session, tenant);
    f.add("tenant", "Tenant", tenants);
    TextField name = f.text("name", "Name", "tickets", "");
    VBox rows = new VBox(6);
    rows.setId("field-rows");
    List<FieldRow> fieldRows = new ArrayList<>();
    Runnable addRow =
        () -> {
          int i = fieldRows.size();
          TextField n = new TextField();
          n.setPromptText("field name");
          n.setId("field-name-" + i);
          n.setPrefWidth(150);
          ComboBox<String> type = new ComboBox<>(FXCollections.observableArrayList(TYPES));
          type.setValue("string");
          type.setId("field-type-" + i);
          type.setPrefWidth(110);
          CheckBox req = new CheckBox("required");
          ComboBox<String> cls = new ComboBox<>(FXCollections.observableArrayList(CLASSIFICATIONS));
          cls.setValue("none");
          cls.setPrefWidth(90);
          cls.setId("field-class-" + i);
          CheckBox idx = new CheckBox("indexed");
          HBox box = new HBox(8, n, type, cls, req, idx);
          box.setAlignment(Pos.CENTER_LEFT);
          fieldRows.add(new FieldRow(box, n, type, req, cls, idx));
          rows.getChildren().add(box);
          if (f.dialog().getDialogPane().getScene() != null) {
            f.dialog().getDialogPane().getScene().getWindow().sizeToScene();
          }
        };
    addRow.run();
    Button add = new Button("Add field", io.platformsandbox.app.shell.Icons.of(org.kordamp.ikonli.material2.Material2AL.ADD));
    add.setId("add-field");
    add.getStyleClass().add(Styles.FLAT);
    add.setOnAction(e -> addRow.run());
    VBox fieldsBox = new VBox(6, rows, add);
    f.add("fields", "Fields", fieldsBox);
    TextField subject = f.text("subject_field", "Subject field", "optional: the field holding a data subject's id", "");
    TextField retention = f.text("retention_days", "Retention (days)", "optional", "");
    f.onSubmit(
        d -> {
          if (tenants.getValue() == null) {
            d.showErrors(java.util.Map.of("tenant", "is required: create a tenant first"));
            return;
          }
          ObjectNode body = Json.object();
          body.put("name", name.getText().strip());
          ArrayNode arr = body.putArray("fields");
          for (FieldRow r : fieldRows) {
            if (r.name().getText().isBlank()) {
              continue;
            }
            ObjectNode fn = arr.addObject();
            fn.put("name", r.name().getText().strip());
            fn.put("type", r.type().getValue());
            fn.put("required", r.required().isSelected());
            fn.put("classification", r.classification().getValue());
            fn.put("indexed", r.indexed().isSelected());
          }
          if (!subject.getText().isBlank()) {
            body.put("subject_field", subject.getText().strip());
          }
          if (!retention.getText().isBlank()) {
            try {
              body.put("retention_days", Integer.parseInt(retention.getText().strip()));
            } catch (NumberFormatException e) {
              d.showErrors(java.util.Map.of("retention_days", "must be a whole number of days"));
              return;
            }
          }
          explorer.createCollection(
              tenants.getValue(),
              body,
              c -> {
                d.close();
                onCreated.accept(c);
              },
              e -> showApiError(d, e));
        });
    return f;
  }

  private static ComboBox<String> tenantPicker(SandboxSession session, String tenant) {
    ComboBox<String> c = new ComboBox<>(FXCollections.observableArrayList(session.tenants().stream().map(TenantInfo::id).toList()));
    c.setValue(tenant != null ? tenant : session.tenants().isEmpty() ? null : session.tenants().get(0).id());
    c.setMaxWidth(Double.MAX_VALUE);
    HBox.setHgrow(c, Priority.ALWAYS);
    return c;
  }

  /** The API's field errors under the fields; anything else as one line. */
  public static void showApiError(FormDialog d, Throwable e) {
    if (e instanceof ApiException api && !api.fieldErrors().isEmpty()) {
      d.showErrors(api.fieldErrors());
    } else {
      d.showError(Notifications.describe(e));
    }
  }

  /** Asks for the URL of a running sandbox. */
  public static Optional<String> connect(Window owner, String current) {
    TextInputDialog d = new TextInputDialog(current == null || current.isBlank() ? "http://127.0.0.1:8787" : current);
    d.initOwner(owner);
    d.setTitle("Connect to a running sandbox");
    d.setHeaderText("Connect to a sandbox started with 'sandbox serve'. The in-process sandbox stops.");
    d.setContentText("URL");
    d.getDialogPane().setId("connect-dialog");
    return d.showAndWait().map(String::strip).filter(s -> !s.isEmpty());
  }

  public static boolean confirm(Window owner, String title, String text, String okText) {
    Alert a = new Alert(Alert.AlertType.CONFIRMATION, text, new ButtonType(okText, javafx.scene.control.ButtonBar.ButtonData.OK_DONE), ButtonType.CANCEL);
    a.initOwner(owner);
    a.setTitle(title);
    a.setHeaderText(title);
    a.getDialogPane().setId("confirm-dialog");
    return a.showAndWait().map(b -> b.getButtonData() == javafx.scene.control.ButtonBar.ButtonData.OK_DONE).orElse(false);
  }

  /** A hint line for forms. */
  static Label hint(String text) {
    Label l = new Label(text);
    l.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_MUTED);
    l.setWrapText(true);
    GridPane.setMargin(l, new Insets(0, 0, 6, 0));
    return l;
  }
}
