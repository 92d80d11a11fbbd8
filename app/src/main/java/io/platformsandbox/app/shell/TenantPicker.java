package io.platformsandbox.app.shell;

import io.platformsandbox.app.model.TenantInfo;
import io.platformsandbox.app.session.SandboxSession;
import javafx.beans.property.Property;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.collections.WeakListChangeListener;
import javafx.scene.control.ComboBox;

/** A combo box of the session's tenant ids, bound both ways to a view model's tenant. */
public final class TenantPicker {
  private TenantPicker() {}

  public static ComboBox<String> create(String id, SandboxSession session, Property<String> tenant) {
    ObservableList<String> ids = FXCollections.observableArrayList();
    ComboBox<String> picker = new ComboBox<>(ids);
    Runnable sync = () -> ids.setAll(session.tenants().stream().map(TenantInfo::id).toList());
    sync.run();
    ListChangeListener<TenantInfo> onChange = c -> sync.run();
    // The picker keeps its listener alive; the session, which outlives closed tabs, holds it weakly.
    picker.getProperties().put(TenantPicker.class, onChange);
    session.tenants().addListener(new WeakListChangeListener<>(onChange));
    picker.setId(id);
    picker.setPromptText("No tenant");
    picker.valueProperty().bindBidirectional(tenant);
    picker.setPrefWidth(150);
    picker.setMinWidth(110);
    return picker;
  }
}
