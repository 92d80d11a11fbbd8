package io.platformsandbox.app.inspector;

import atlantafx.base.theme.Styles;
import io.platformsandbox.app.shell.Icons;
import java.util.Optional;
import javafx.beans.value.ObservableValue;
import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.controlsfx.control.PropertySheet;
import org.controlsfx.property.editor.PropertyEditor;
import org.kordamp.ikonli.material2.Material2MZ;

/** The right-hand inspector: a ControlsFX {@link PropertySheet} of the explorer's selection. */
public final class InspectorView extends VBox {
  private final InspectorViewModel vm;
  private final PropertySheet sheet = new PropertySheet();

  public InspectorView(InspectorViewModel vm) {
    this.vm = vm;
    setId("inspector");
    getStyleClass().add("inspector");
    Label title = new Label();
    title.setId("inspector-title");
    title.textProperty().bind(vm.titleProperty());
    title.getStyleClass().addAll(Styles.TEXT_BOLD, "inspector-title");
    title.setWrapText(true);
    ToggleButton reveal = new ToggleButton("Show secret", Icons.of(Material2MZ.VISIBILITY));
    reveal.setId("reveal-secret");
    reveal.getStyleClass().addAll(Styles.SMALL, Styles.FLAT);
    reveal.selectedProperty().bindBidirectional(vm.revealSecretProperty());
    reveal.visibleProperty().bind(vm.hasSecretProperty());
    reveal.managedProperty().bind(reveal.visibleProperty());
    Region spacer = new Region();
    HBox.setHgrow(spacer, Priority.ALWAYS);
    HBox head = new HBox(6, title, spacer, reveal);
    head.setAlignment(Pos.CENTER_LEFT);
    head.getStyleClass().add("inspector-head");

    sheet.setId("inspector-sheet");
    sheet.setModeSwitcherVisible(false);
    sheet.setSearchBoxVisible(false);
    sheet.setMode(PropertySheet.Mode.CATEGORY);
    sheet.setPropertyEditorFactory(item -> readOnlyEditor(item));
    Label empty = new Label("Select something in the explorer to see its properties.");
    empty.getStyleClass().addAll(Styles.TEXT_MUTED, Styles.TEXT_SMALL);
    empty.setWrapText(true);
    empty.visibleProperty().bind(vm.subjectProperty().isNull());
    empty.managedProperty().bind(empty.visibleProperty());
    empty.setMaxWidth(Double.MAX_VALUE);
    empty.getStyleClass().add("inspector-empty");
    vm.rows().addListener((ListChangeListener<PropertyRow>) c -> sheet.getItems().setAll(vm.rows().stream().map(Item::new).toList()));
    VBox.setVgrow(sheet, Priority.ALWAYS);
    getChildren().addAll(head, empty, sheet);
  }

  /** Values are for reading and copying: a non-editable text field, not a disabled one. */
  private static PropertyEditor<?> readOnlyEditor(PropertySheet.Item item) {
    TextField field = new TextField(String.valueOf(item.getValue()));
    field.setEditable(false);
    field.getStyleClass().add("inspector-value");
    return new PropertyEditor<Object>() {
      @Override
      public javafx.scene.Node getEditor() {
        return field;
      }

      @Override
      public Object getValue() {
        return field.getText();
      }

      @Override
      public void setValue(Object value) {
        field.setText(String.valueOf(value));
      }
    };
  }

  private record Item(PropertyRow row) implements PropertySheet.Item {
    @Override
    public Class<?> getType() {
      return String.class;
    }

    @Override
    public String getCategory() {
      return row.category();
    }

    @Override
    public String getName() {
      return row.name();
    }

    @Override
    public String getDescription() {
      return row.description();
    }

    @Override
    public Object getValue() {
      return row.value();
    }

    @Override
    public void setValue(Object value) {}

    @Override
    public Optional<ObservableValue<? extends Object>> getObservableValue() {
      return Optional.empty();
    }

    @Override
    public boolean isEditable() {
      return true;
    }
  }
}
