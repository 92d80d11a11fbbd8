package io.platformsandbox.app.publish;

import atlantafx.base.theme.Styles;
import io.platformsandbox.app.publish.PublishViewModel.KeyState;
import io.platformsandbox.app.publish.PublishViewModel.Progress;
import io.platformsandbox.app.publish.PublishViewModel.ReportState;
import io.platformsandbox.app.shell.Icons;
import javafx.beans.binding.Bindings;
import javafx.event.ActionEvent;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.geometry.VPos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TextField;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.Modality;
import javafx.stage.Window;
import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.material2.Material2AL;
import org.kordamp.ikonli.material2.Material2MZ;

/**
 * The Package and Publish dialog: three steps, each with its state — the validation report (Validate
 * when it does not match the files), the publisher key (Generate when there is none; its
 * fingerprint), the registry (what it holds for this plugin) — and the publish itself with its
 * progress and outcome. Not modal, so the report tab can be watched while a validation runs.
 */
public final class PublishDialog {
  private final Dialog<ButtonType> dialog = new Dialog<>();
  private final PublishViewModel vm;
  private final ButtonType publishType = new ButtonType("Package and Publish", ButtonBar.ButtonData.OK_DONE);

  /** @param openMarketplace shows the marketplace tab (a link once the plugin is published) */
  public PublishDialog(Window owner, PublishViewModel vm, Runnable openMarketplace) {
    this.vm = vm;
    dialog.initOwner(owner);
    dialog.initModality(Modality.NONE);
    dialog.setTitle("Package and publish");
    dialog.setHeaderText("Package and publish " + vm.title());
    dialog.setGraphic(Icons.of(Material2MZ.PUBLISH, "dialog-icon"));
    dialog.setResizable(true);
    dialog.getDialogPane().setId("publish-dialog");
    dialog.getDialogPane().getStyleClass().add("publish-dialog");
    if (owner != null && owner.getScene() != null) {
      dialog.getDialogPane().getStylesheets().addAll(owner.getScene().getStylesheets());
      dialog.getDialogPane().setStyle(owner.getScene().getRoot().getStyle()); // the zoom
    }
    dialog.getDialogPane().getButtonTypes().addAll(publishType, ButtonType.CLOSE);

    GridPane grid = new GridPane();
    grid.setHgap(12);
    grid.setVgap(14);
    grid.setPadding(new Insets(6, 4, 6, 4));
    ColumnConstraints icon = new ColumnConstraints(22);
    ColumnConstraints body = new ColumnConstraints();
    body.setHgrow(Priority.ALWAYS);
    body.setMinWidth(420);
    ColumnConstraints action = new ColumnConstraints();
    action.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
    grid.getColumnConstraints().addAll(icon, body, action);

    // 1. the report
    Label reportText = text("publish-report-text");
    reportText.textProperty().bind(vm.reportTextProperty());
    Button validate = new Button("Validate", Icons.of(Material2MZ.RULE));
    validate.setId("publish-validate");
    validate.getStyleClass().add(Styles.SMALL);
    validate.visibleProperty().bind(Bindings.createBooleanBinding(
        () -> switch (vm.reportStateProperty().get()) {
          case MISSING, FAILED, STALE, VALIDATING -> true;
          default -> false;
        }, vm.reportStateProperty()));
    validate.managedProperty().bind(validate.visibleProperty());
    validate.disableProperty().bind(vm.canValidateBinding().not());
    validate.setOnAction(e -> vm.validate());
    row(grid, 0, stateIcon(() -> reportIcon(vm.reportStateProperty().get()), vm), "1. Validation report", reportText, validate);

    // 2. the key
    TextField fingerprint = new TextField();
    fingerprint.setId("publish-key-fingerprint");
    fingerprint.setEditable(false);
    fingerprint.getStyleClass().addAll("mono", "fingerprint");
    fingerprint.textProperty().bind(vm.keyFingerprintProperty());
    fingerprint.visibleProperty().bind(vm.keyFingerprintProperty().isNotEmpty());
    fingerprint.managedProperty().bind(fingerprint.visibleProperty());
    fingerprint.setPrefColumnCount(64);
    fingerprint.setMaxWidth(Double.MAX_VALUE);
    Label keyText = text("publish-key-text");
    keyText.textProperty().bind(vm.keyTextProperty());
    Button generate = new Button("Generate key", Icons.of(Material2MZ.VPN_KEY));
    generate.setId("publish-generate-key");
    generate.getStyleClass().add(Styles.SMALL);
    generate.visibleProperty().bind(vm.keyStateProperty().isEqualTo(KeyState.MISSING));
    generate.managedProperty().bind(generate.visibleProperty());
    generate.setOnAction(e -> vm.generateKey());
    VBox key = new VBox(4, fingerprint, keyText);
    row(grid, 1, stateIcon(() -> keyIcon(vm.keyStateProperty().get()), vm), "2. Publisher key (SHA-256 fingerprint)", key, generate);

    // 3. the registry
    Label registryText = text("publish-registry-text");
    registryText.textProperty().bind(vm.registryTextProperty());
    row(grid, 2, Icons.of(Material2MZ.STOREFRONT, "step-neutral"), "3. Workspace marketplace", registryText, null);

    // the outcome
    ProgressIndicator spinner = new ProgressIndicator();
    spinner.setPrefSize(16, 16);
    spinner.setMaxSize(16, 16);
    spinner.visibleProperty().bind(vm.progressProperty().isEqualTo(Progress.WORKING));
    spinner.managedProperty().bind(spinner.visibleProperty());
    Label outcome = text("publish-outcome");
    outcome.textProperty().bind(vm.progressTextProperty());
    vm.progressProperty().addListener((o, a, b) -> outcomeLook(outcome, b));
    outcomeLook(outcome, vm.progressProperty().get());
    javafx.scene.control.Hyperlink show = new javafx.scene.control.Hyperlink("Show in Marketplace");
    show.setId("publish-show-marketplace");
    show.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
    show.visibleProperty().bind(Bindings.createBooleanBinding(
        () -> vm.progressProperty().get() == Progress.PUBLISHED || vm.progressProperty().get() == Progress.ALREADY_PUBLISHED, vm.progressProperty()));
    show.managedProperty().bind(show.visibleProperty());
    show.setOnAction(e -> openMarketplace.run());
    HBox.setHgrow(outcome, Priority.ALWAYS);
    HBox bottom = new HBox(8, spinner, outcome, show);
    bottom.setAlignment(Pos.CENTER_LEFT);
    bottom.getStyleClass().add("publish-outcome");
    bottom.visibleProperty().bind(vm.progressTextProperty().isNotEmpty());
    bottom.managedProperty().bind(bottom.visibleProperty());

    VBox content = new VBox(12, grid, bottom);
    content.setPrefWidth(700);
    dialog.getDialogPane().setContent(content);

    Button publish = (Button) dialog.getDialogPane().lookupButton(publishType);
    publish.setId("publish-ok");
    publish.setDefaultButton(true);
    publish.setGraphic(Icons.of(Material2MZ.PUBLISH));
    publish.disableProperty().bind(vm.canPublishBinding().not());
    publish.addEventFilter(ActionEvent.ACTION, e -> {
      e.consume(); // the dialog stays open: it shows the outcome
      vm.publish();
    });
    dialog.getDialogPane().lookupButton(ButtonType.CLOSE).setId("publish-close");
    // Long texts wrap: let the window grow with them.
    vm.reportTextProperty().addListener((o, a, b) -> resize());
    vm.registryTextProperty().addListener((o, a, b) -> resize());
    vm.progressTextProperty().addListener((o, a, b) -> resize());
    vm.keyFingerprintProperty().addListener((o, a, b) -> resize());
  }

  private void resize() {
    if (dialog.getDialogPane().getScene() != null && dialog.getDialogPane().getScene().getWindow() != null) {
      javafx.application.Platform.runLater(() -> dialog.getDialogPane().getScene().getWindow().sizeToScene());
    }
  }

  private static Label text(String id) {
    Label l = new Label();
    l.setId(id);
    l.setWrapText(true);
    l.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
    l.setMaxWidth(Double.MAX_VALUE);
    return l;
  }

  private static void row(GridPane grid, int r, Node icon, String title, Node body, Node action) {
    Label t = new Label(title);
    t.getStyleClass().add("step-title");
    VBox box = new VBox(4, t, body);
    GridPane.setValignment(icon, VPos.TOP);
    GridPane.setMargin(icon, new Insets(2, 0, 0, 0));
    grid.add(icon, 0, r);
    grid.add(box, 1, r);
    if (action != null) {
      GridPane.setValignment(action, VPos.TOP);
      grid.add(action, 2, r);
    }
  }

  private record Look(Ikon icon, String style) {}

  private static Look reportIcon(ReportState s) {
    return switch (s) {
      case MATCHES -> new Look(Material2AL.CHECK_CIRCLE, "step-ok");
      case CHECKING, VALIDATING -> new Look(Material2MZ.PENDING, "step-neutral");
      case MISSING, STALE -> new Look(Material2MZ.WARNING, "step-warning");
      case FAILED, UNUSABLE -> new Look(Material2AL.ERROR, "step-error");
    };
  }

  private static Look keyIcon(KeyState s) {
    return switch (s) {
      case PRESENT -> new Look(Material2AL.CHECK_CIRCLE, "step-ok");
      case CHECKING -> new Look(Material2MZ.PENDING, "step-neutral");
      case MISSING -> new Look(Material2MZ.WARNING, "step-warning");
      case BROKEN -> new Look(Material2AL.ERROR, "step-error");
    };
  }

  /** An icon that follows the view model's state. */
  private static Node stateIcon(java.util.function.Supplier<Look> look, PublishViewModel vm) {
    StackPane holder = new StackPane();
    holder.setAlignment(Pos.TOP_CENTER);
    Runnable update = () -> {
      Look l = look.get();
      holder.getChildren().setAll(Icons.of(l.icon(), l.style()));
    };
    vm.reportStateProperty().addListener((o, a, b) -> update.run());
    vm.keyStateProperty().addListener((o, a, b) -> update.run());
    update.run();
    return holder;
  }

  private static void outcomeLook(Label outcome, Progress p) {
    outcome.getStyleClass().removeAll(Styles.SUCCESS, Styles.DANGER);
    if (p == Progress.PUBLISHED || p == Progress.ALREADY_PUBLISHED) {
      outcome.getStyleClass().add(Styles.SUCCESS);
    } else if (p == Progress.REFUSED) {
      outcome.getStyleClass().add(Styles.DANGER);
    }
  }

  public Dialog<ButtonType> dialog() {
    return dialog;
  }

  public PublishViewModel viewModel() {
    return vm;
  }

  /** Shows the dialog (not blocking) and checks the report, key and registry. */
  public void show() {
    dialog.show();
    vm.inspect();
  }
}
