package io.platformsandbox.app.dialogs;

import atlantafx.base.theme.Styles;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import javafx.event.ActionEvent;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.Modality;
import javafx.stage.Window;

/**
 * A form in a dialog whose OK button does not close it: the submit handler runs (usually an API
 * call in the background) and either {@link #close()}s the dialog or shows the API's field errors
 * under the fields they name. That is how every form of the workbench reports validation errors
 * inline.
 */
public final class FormDialog {
  private final Dialog<ButtonType> dialog = new Dialog<>();
  private final ButtonType okType;
  private final GridPane grid = new GridPane();
  private final Map<String, Node> fields = new LinkedHashMap<>();
  private final Map<String, Label> errors = new LinkedHashMap<>();
  private final Label formError = new Label();
  private int row;

  public FormDialog(Window owner, String id, String title, String header, String okText) {
    dialog.initOwner(owner);
    dialog.initModality(Modality.WINDOW_MODAL);
    dialog.setTitle(title);
    dialog.setHeaderText(header);
    dialog.getDialogPane().setId(id);
    okType = new ButtonType(okText, ButtonBar.ButtonData.OK_DONE);
    dialog.getDialogPane().getButtonTypes().addAll(okType, ButtonType.CANCEL);
    grid.setHgap(12);
    grid.setVgap(2);
    grid.setPadding(new Insets(4, 0, 4, 0));
    ColumnConstraints labels = new ColumnConstraints();
    labels.setMinWidth(110);
    ColumnConstraints inputs = new ColumnConstraints();
    inputs.setHgrow(Priority.ALWAYS);
    inputs.setMinWidth(320);
    grid.getColumnConstraints().addAll(labels, inputs);
    formError.getStyleClass().addAll(Styles.DANGER, "form-error");
    formError.setWrapText(true);
    formError.setMaxWidth(460);
    formError.setManaged(false);
    formError.setVisible(false);
    VBox content = new VBox(8, grid, formError);
    content.setMinWidth(460);
    dialog.getDialogPane().setContent(content);
    dialog.getDialogPane().getStyleClass().add("form-dialog");
    okButton().setId(id + "-ok");
    okButton().setDefaultButton(true);
  }

  public Button okButton() {
    return (Button) dialog.getDialogPane().lookupButton(okType);
  }

  /** A labelled text field; {@code key} is also the name the API uses for its errors. */
  public TextField text(String key, String label, String prompt, String value) {
    TextField t = new TextField(value == null ? "" : value);
    t.setPromptText(prompt);
    add(key, label, t);
    return t;
  }

  /** Adds a labelled input with an error line under it. */
  public <N extends Node> N add(String key, String label, N input) {
    Label l = new Label(label);
    l.setMinWidth(Label.USE_PREF_SIZE);
    GridPane.setValignment(l, javafx.geometry.VPos.TOP);
    l.setPadding(new Insets(6, 0, 0, 0));
    input.setId("field-" + key);
    Label err = new Label();
    err.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.DANGER, "field-error");
    err.setId("error-" + key);
    err.setWrapText(true);
    err.setManaged(false);
    err.setVisible(false);
    VBox box = new VBox(2, input, err);
    box.setAlignment(Pos.TOP_LEFT);
    box.setPadding(new Insets(0, 0, 6, 0));
    grid.add(l, 0, row);
    grid.add(box, 1, row);
    row++;
    fields.put(key, input);
    errors.put(key, err);
    return input;
  }

  /** A full-width row without a label (a hint, a table). */
  public void addWide(Node node) {
    grid.add(node, 0, row++, 2, 1);
  }

  /** Runs {@code submit} on OK; the dialog stays open until it calls {@link #close()}. */
  public void onSubmit(Consumer<FormDialog> submit) {
    okButton().addEventFilter(
        ActionEvent.ACTION,
        e -> {
          e.consume();
          clearErrors();
          submit.accept(this);
        });
  }

  public void clearErrors() {
    errors.values().forEach(l -> show(l, null));
    show(formError, null);
  }

  /** Puts each error under its field; errors for unknown fields go to the line at the bottom. */
  public void showErrors(Map<String, String> fieldErrors) {
    StringBuilder rest = new StringBuilder();
    fieldErrors.forEach(
        (k, v) -> {
          Label l = errors.get(k);
          if (l != null) {
            show(l, capitalise(v));
          } else {
            rest.append(k).append(' ').append(v).append('\n');
          }
        });
    show(formError, rest.isEmpty() ? null : rest.toString().strip());
    dialog.getDialogPane().getScene().getWindow().sizeToScene();
  }

  public void showError(String message) {
    show(formError, message);
    dialog.getDialogPane().getScene().getWindow().sizeToScene();
  }

  private static String capitalise(String s) {
    return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }

  private static void show(Label l, String text) {
    l.setText(text == null ? "" : text);
    l.setVisible(text != null);
    l.setManaged(text != null);
  }

  public void close() {
    dialog.setResult(okType);
    dialog.close();
  }

  public Dialog<ButtonType> dialog() {
    return dialog;
  }

  /** Shows the dialog without blocking (TestFX drives it like any window). */
  public void show() {
    dialog.show();
    Node first = fields.values().stream().findFirst().orElse(null);
    if (first != null) {
      first.requestFocus();
    }
  }
}
