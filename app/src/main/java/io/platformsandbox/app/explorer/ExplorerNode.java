package io.platformsandbox.app.explorer;

import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * One node of the explorer tree. Nodes are kept by id, so a refresh updates them in place and the
 * tree keeps what the user expanded and selected.
 */
public final class ExplorerNode {
  /** What a node stands for; the view picks its icon and context menu by kind. */
  public enum Kind {
    WORKSPACE,
    FOLDER,
    FILE,
    PLUGINS,
    PLUGIN,
    MARKETPLACE,
    PLATFORM,
    TENANT,
    APPS,
    APP,
    COLLECTIONS,
    COLLECTION,
    FILES,
    STORED_FILE,
    TOPICS,
    TOPIC,
    WEBHOOKS,
    WEBHOOK,
    NOTE
  }

  private final String id;
  private final Kind kind;
  private final ReadOnlyStringWrapper label = new ReadOnlyStringWrapper();
  private final ReadOnlyStringWrapper detail = new ReadOnlyStringWrapper("");
  private Object payload;
  private boolean lazy;
  private final ObservableList<ExplorerNode> children = FXCollections.observableArrayList();

  ExplorerNode(String id, Kind kind) {
    this.id = id;
    this.kind = kind;
  }

  public String id() {
    return id;
  }

  public Kind kind() {
    return kind;
  }

  public ReadOnlyStringProperty labelProperty() {
    return label.getReadOnlyProperty();
  }

  public String label() {
    return label.get();
  }

  /** Secondary text shown muted after the label ("3 fields", "acme"). */
  public ReadOnlyStringProperty detailProperty() {
    return detail.getReadOnlyProperty();
  }

  public String detail() {
    return detail.get();
  }

  /** The model object behind the node: a TenantInfo, AppInfo, CollectionInfo, FileInfo, TopicInfo, WebhookInfo or Path. */
  public Object payload() {
    return payload;
  }

  /** True while its children are not loaded yet (a folder or a tenant never expanded). */
  public boolean isLazy() {
    return lazy;
  }

  public ObservableList<ExplorerNode> children() {
    return children;
  }

  ExplorerNode update(String label, String detail, Object payload) {
    this.label.set(label);
    this.detail.set(detail == null ? "" : detail);
    this.payload = payload;
    return this;
  }

  void setLazy(boolean lazy) {
    this.lazy = lazy;
  }

  @Override
  public String toString() {
    return label.get();
  }
}
