package io.platformsandbox.app.inspector;

import io.platformsandbox.app.explorer.ExplorerNode;
import io.platformsandbox.app.model.AppInfo;
import io.platformsandbox.app.model.CollectionInfo;
import io.platformsandbox.app.model.FieldInfo;
import io.platformsandbox.app.model.FileInfo;
import io.platformsandbox.app.model.TenantInfo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The right-hand inspector: the properties of what is selected in the explorer. An app's client
 * secret is shown only on demand.
 *
 * <p>Threading: JavaFX thread.
 */
public final class InspectorViewModel {
  static final String HIDDEN = "•••••••• (Show secret)";
  private final ObjectProperty<ExplorerNode> subject = new SimpleObjectProperty<>();
  private final ObservableList<PropertyRow> rows = FXCollections.observableArrayList();
  private final ReadOnlyStringWrapper title = new ReadOnlyStringWrapper("Nothing selected");
  private final BooleanProperty revealSecret = new SimpleBooleanProperty(false);
  private final ReadOnlyBooleanWrapper hasSecret = new ReadOnlyBooleanWrapper(false);

  public InspectorViewModel() {
    subject.addListener((o, a, b) -> {
      revealSecret.set(false);
      rebuild();
    });
    revealSecret.addListener((o, a, b) -> rebuild());
  }

  public ObjectProperty<ExplorerNode> subjectProperty() {
    return subject;
  }

  public ObservableList<PropertyRow> rows() {
    return rows;
  }

  public ReadOnlyStringProperty titleProperty() {
    return title.getReadOnlyProperty();
  }

  public BooleanProperty revealSecretProperty() {
    return revealSecret;
  }

  /** True when the subject is an app, whose secret can be revealed. */
  public ReadOnlyBooleanProperty hasSecretProperty() {
    return hasSecret.getReadOnlyProperty();
  }

  /** Re-reads the subject (its payload may have been refreshed). */
  public void rebuild() {
    ExplorerNode n = subject.get();
    List<PropertyRow> out = new ArrayList<>();
    hasSecret.set(false);
    if (n == null) {
      title.set("Nothing selected");
      rows.clear();
      return;
    }
    Object p = n.payload();
    switch (n.kind()) {
      case TENANT -> {
        TenantInfo t = (TenantInfo) p;
        title.set("Tenant " + t.id());
        out.add(new PropertyRow("Tenant", "Id", t.id(), "The tenant's id in the control API and in tokens."));
        out.add(new PropertyRow("Tenant", "Name", t.name() == null ? "" : t.name(), null));
        out.add(new PropertyRow("Tenant", "Created", t.createdAt(), null));
        out.add(new PropertyRow("Tenant", "Rate / second", t.perSecond() == 0 ? "no limit" : fmt(t.perSecond()), "Token bucket refill rate per app."));
        out.add(new PropertyRow("Tenant", "Burst", Long.toString(t.burst()), null));
      }
      case APP -> {
        AppInfo a = (AppInfo) p;
        hasSecret.set(true);
        title.set("App " + a.name());
        out.add(new PropertyRow("App", "Name", a.name(), a.isWorkbench() ? "The workbench's own app, used to browse this tenant." : null));
        out.add(new PropertyRow("App", "Tenant", a.tenant(), null));
        out.add(new PropertyRow("App", "Created", a.createdAt(), null));
        out.add(new PropertyRow("App", "Client id", a.clientId(), "OAuth client id (client_credentials)."));
        out.add(new PropertyRow("App", "Client secret", revealSecret.get() ? a.clientSecret() : HIDDEN, "Shown on demand."));
        int i = 1;
        for (String s : a.scopes()) {
          out.add(new PropertyRow("App", i++ == 1 ? "Scopes" : "", s, null));
        }
      }
      case COLLECTION -> {
        CollectionInfo c = (CollectionInfo) p;
        title.set("Collection " + c.name());
        out.add(new PropertyRow("Collection", "Name", c.name(), null));
        out.add(new PropertyRow("Collection", "Tenant", c.tenant(), null));
        out.add(new PropertyRow("Collection", "Subject field", c.subjectField() == null ? "—" : c.subjectField(), "Erasure requests match on this field."));
        out.add(new PropertyRow("Collection", "Retention", c.retentionDays() == null ? "forever" : c.retentionDays() + " days", null));
        out.add(new PropertyRow("Collection", "Created", c.createdAt(), null));
        for (FieldInfo f : c.fields()) {
          StringBuilder sb = new StringBuilder(f.type());
          if (f.required()) {
            sb.append(", required");
          }
          if (f.indexed()) {
            sb.append(", indexed");
          }
          if (f.sensitive()) {
            sb.append(", ").append(f.classification().toUpperCase(Locale.ROOT));
          }
          out.add(new PropertyRow("Collection", "· " + f.name(), sb.toString(), null));
        }
      }
      case STORED_FILE -> {
        FileInfo f = (FileInfo) p;
        title.set("File " + f.path());
        out.add(new PropertyRow("File", "Path", f.path(), null));
        out.add(new PropertyRow("File", "Tenant", f.tenant(), null));
        out.add(new PropertyRow("File", "Size", f.size() + " bytes", null));
        out.add(new PropertyRow("File", "Content type", f.contentType(), null));
        out.add(new PropertyRow("File", "SHA-256", f.sha256(), null));
        out.add(new PropertyRow("File", "Updated", f.updatedAt(), null));
      }
      case TOPIC -> {
        io.platformsandbox.app.model.TopicInfo t = (io.platformsandbox.app.model.TopicInfo) p;
        title.set("Topic " + t.name());
        out.add(new PropertyRow("Topic", "Name", t.name(), t.isPlatform() ? "The platform's own events (record.*, file.*, triggered ones)." : null));
        out.add(new PropertyRow("Topic", "Tenant", t.tenant(), null));
        out.add(new PropertyRow("Topic", "Created", t.createdAt() == null ? "with the tenant" : t.createdAt(), null));
        out.add(new PropertyRow("Topic", "Latest offset", Long.toString(t.latestOffset()), "When the explorer last read the topics."));
      }
      case WEBHOOK -> {
        io.platformsandbox.app.model.WebhookInfo w = (io.platformsandbox.app.model.WebhookInfo) p;
        title.set("Webhook " + w.id());
        out.add(new PropertyRow("Webhook", "Id", w.id(), null));
        out.add(new PropertyRow("Webhook", "URL", w.url(), null));
        out.add(new PropertyRow("Webhook", "Tenant", w.tenant(), null));
        out.add(new PropertyRow("Webhook", "Created", w.createdAt(), null));
        int i = 1;
        for (String e : w.events()) {
          out.add(new PropertyRow("Webhook", i++ == 1 ? "Events" : "", e, null));
        }
      }
      case PLUGIN -> {
        io.platformsandbox.app.model.PluginInfo plugin = (io.platformsandbox.app.model.PluginInfo) p;
        title.set(plugin.label());
        if (plugin.isValid()) {
          out.add(new PropertyRow("Plugin", "Id", plugin.id(), "From plugin.yaml."));
          out.add(new PropertyRow("Plugin", "Name", plugin.name(), null));
          out.add(new PropertyRow("Plugin", "Version", plugin.version(), null));
        } else {
          out.add(new PropertyRow("Plugin", "Problem", plugin.problem(), "The first error of plugin.yaml; Validate lists them all."));
          out.add(new PropertyRow("Plugin", "Line", plugin.problemLine() > 0 ? Integer.toString(plugin.problemLine()) : "unknown", null));
          out.add(new PropertyRow("Plugin", "Errors", Integer.toString(plugin.problemCount()), null));
        }
        out.add(new PropertyRow("Plugin", "Folder", plugin.dir().toString(), null));
      }
      case FILE, FOLDER, WORKSPACE -> {
        Path path = p instanceof Path pp ? pp : null;
        title.set(n.label());
        if (path != null) {
          out.add(new PropertyRow("Location", "Name", String.valueOf(path.getFileName()), null));
          out.add(new PropertyRow("Location", "Path", path.toString(), null));
          if (Files.isRegularFile(path)) {
            try {
              out.add(new PropertyRow("Location", "Size", Files.size(path) + " bytes", null));
              out.add(new PropertyRow("Location", "Modified", Files.getLastModifiedTime(path).toString(), null));
            } catch (java.io.IOException e) {
              out.add(new PropertyRow("Location", "Size", "unreadable", null));
            }
          }
        }
      }
      default -> title.set(n.label());
    }
    rows.setAll(out);
  }

  private static String fmt(double d) {
    return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
  }
}
