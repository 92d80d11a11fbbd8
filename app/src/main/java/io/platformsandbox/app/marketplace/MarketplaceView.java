package io.platformsandbox.app.marketplace;

import atlantafx.base.theme.Styles;
import io.platformsandbox.app.shell.Icons;
import io.platformsandbox.app.shell.Tables;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import javafx.beans.binding.Bindings;
import javafx.beans.value.ObservableBooleanValue;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.material2.Material2AL;
import org.kordamp.ikonli.material2.Material2MZ;

/**
 * The marketplace tab: every version in the workspace registry (plugin, version, publisher, pinned
 * key, publish time, size), the selected one in full below, Refresh and Install into tenant….
 */
public final class MarketplaceView extends BorderPane {
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneId.systemDefault());
  private final TableView<MarketplaceEntry> table = new TableView<>();

  /**
   * @param live whether a sandbox runs (an install runs the plugin in it)
   * @param installer asks for the tenant and installs the entry (the shell's dialog)
   */
  public MarketplaceView(MarketplaceViewModel vm, ObservableBooleanValue live, Consumer<MarketplaceEntry> installer) {
    setId("marketplace-view");
    getStyleClass().add("marketplace-view");

    Label title = new Label("Marketplace");
    title.getStyleClass().add("validation-title");
    title.setGraphic(Icons.of(Material2MZ.STOREFRONT));
    Label status = new Label();
    status.setId("marketplace-status");
    status.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_MUTED);
    status.textProperty().bind(vm.statusProperty());
    status.setMinWidth(0);
    Button refresh = new Button("Refresh", Icons.of(Material2MZ.REFRESH));
    refresh.setId("marketplace-refresh");
    refresh.getStyleClass().add(Styles.SMALL);
    refresh.setOnAction(e -> vm.reload());
    Button install = new Button("Install into Tenant…", Icons.of(Material2AL.GET_APP));
    install.setId("marketplace-install");
    install.getStyleClass().addAll(Styles.SMALL, Styles.ACCENT);
    install.setMinWidth(Region.USE_PREF_SIZE);
    refresh.setMinWidth(Region.USE_PREF_SIZE);
    install.disableProperty().bind(Bindings.createBooleanBinding(
        () -> vm.selectedProperty().get() == null || !live.get(), vm.selectedProperty(), live));
    install.setOnAction(e -> installer.accept(vm.selectedProperty().get()));
    Region spacer = new Region();
    HBox.setHgrow(spacer, Priority.ALWAYS);
    HBox head = new HBox(10, title, spacer, refresh, install);
    head.setAlignment(Pos.CENTER_LEFT);
    VBox top = new VBox(6, head, status);
    top.getStyleClass().add("view-toolbar");
    setTop(top);

    table.setId("marketplace-table");
    Tables.styleAsList(table, "Nothing published yet. Validate a plugin, then Plugin ▸ Package and Publish… adds it here.");
    table.setItems(vm.entries());
    TableColumn<MarketplaceEntry, String> plugin = Tables.textColumn("Plugin", 160, MarketplaceEntry::id);
    TableColumn<MarketplaceEntry, String> name = Tables.textColumn("Name", 130, MarketplaceEntry::name);
    TableColumn<MarketplaceEntry, String> version = Tables.textColumn("Version", 95, MarketplaceEntry::version);
    version.setCellFactory(c -> new TableCell<>() {
      @Override
      protected void updateItem(String item, boolean empty) {
        super.updateItem(item, empty);
        MarketplaceEntry e = empty || getTableRow() == null ? null : getTableRow().getItem();
        setText(e == null ? null : e.version());
        Label badge = new Label("latest");
        badge.getStyleClass().addAll("badge", Styles.TEXT_SMALL);
        setGraphic(e != null && e.latest() ? badge : null);
        setContentDisplay(javafx.scene.control.ContentDisplay.RIGHT);
        setGraphicTextGap(6);
      }
    });
    TableColumn<MarketplaceEntry, String> publisher = Tables.textColumn("Publisher", 85, MarketplaceEntry::publisher);
    TableColumn<MarketplaceEntry, String> key = Tables.textColumn("Key", 125, e -> e.keyFingerprint().length() > 12 ? e.keyFingerprint().substring(0, 12) + "…" : e.keyFingerprint());
    key.getStyleClass().add("mono-column");
    TableColumn<MarketplaceEntry, String> published = Tables.textColumn("Published", 125, e -> e.publishedAt() == null ? "" : TIME.format(e.publishedAt()));
    TableColumn<MarketplaceEntry, String> size = Tables.textColumn("Size", 75, e -> size(e.size()));
    size.getStyleClass().add("align-right");
    table.getColumns().setAll(List.of(plugin, name, version, publisher, key, published, size));
    table.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> vm.selectedProperty().set(b));
    vm.selectedProperty().addListener((o, a, b) -> {
      if (table.getSelectionModel().getSelectedItem() != b) {
        table.getSelectionModel().select(b);
      }
    });
    table.setRowFactory(t -> {
      var row = new javafx.scene.control.TableRow<MarketplaceEntry>();
      row.setOnMouseClicked(e -> {
        if (e.getClickCount() == 2 && !row.isEmpty() && live.get()) {
          installer.accept(row.getItem());
        }
      });
      return row;
    });
    setCenter(table);
    setBottom(detail(vm));
  }

  private static VBox detail(MarketplaceViewModel vm) {
    GridPane grid = new GridPane();
    grid.setHgap(12);
    grid.setVgap(4);
    ColumnConstraints labels = new ColumnConstraints();
    labels.setMinWidth(Region.USE_PREF_SIZE);
    ColumnConstraints values = new ColumnConstraints();
    values.setHgrow(Priority.ALWAYS);
    grid.getColumnConstraints().addAll(labels, values);
    String[] names = {"Description", "Publisher key (SHA-256)", "Bundle SHA-256", "Installs into"};
    TextField[] fields = new TextField[names.length];
    for (int i = 0; i < names.length; i++) {
      Label l = new Label(names[i]);
      l.getStyleClass().add(Styles.TEXT_MUTED);
      TextField f = new TextField();
      f.setEditable(false);
      f.getStyleClass().addAll("detail-value", i == 1 || i == 2 ? "mono" : "plain");
      f.setId("marketplace-detail-" + i);
      fields[i] = f;
      grid.add(l, 0, i);
      grid.add(f, 1, i);
    }
    vm.selectedProperty().addListener((o, a, e) -> {
      fields[0].setText(e == null ? "" : e.name() + " — " + e.description());
      fields[1].setText(e == null ? "" : e.keyFingerprint());
      fields[2].setText(e == null ? "" : e.sha256());
      fields[3].setText(e == null || vm.installDir(e) == null ? "" : vm.installDir(e).toString());
    });
    VBox box = new VBox(grid);
    box.getStyleClass().add("view-footer");
    box.setPadding(new Insets(8, 12, 10, 12));
    box.visibleProperty().bind(vm.selectedProperty().isNotNull());
    box.managedProperty().bind(box.visibleProperty());
    return box;
  }

  private static String size(long bytes) {
    return bytes < 1024 ? bytes + " B" : String.format(Locale.ROOT, "%.1f KB", bytes / 1024.0);
  }

  public TableView<MarketplaceEntry> table() {
    return table;
  }
}
