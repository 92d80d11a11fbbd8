package io.platformsandbox.app.shell;

import atlantafx.base.theme.Styles;
import atlantafx.base.theme.Tweaks;
import io.platformsandbox.app.core.Notice;
import io.platformsandbox.app.core.Notifications;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import javafx.beans.binding.Bindings;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import org.kordamp.ikonli.material2.Material2AL;
import org.kordamp.ikonli.material2.Material2MZ;

/** The Problems dock tab: every notice the workbench showed, newest first. */
final class ProblemsView extends TableView<Notice> {
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

  ProblemsView(Notifications notifications) {
    setId("problems");
    getStyleClass().addAll(Tweaks.EDGE_TO_EDGE, Styles.DENSE);
    var sorted = notifications.notices().sorted((a, b) -> b.time().compareTo(a.time()));
    setItems(sorted);
    TableColumn<Notice, Notice.Level> level = new TableColumn<>("");
    level.setCellValueFactory(d -> Bindings.createObjectBinding(() -> d.getValue().level()));
    level.setCellFactory(c -> new TableCell<>() {
      @Override
      protected void updateItem(Notice.Level item, boolean empty) {
        super.updateItem(item, empty);
        setGraphic(empty || item == null ? null : switch (item) {
          case ERROR -> Icons.of(Material2AL.ERROR_OUTLINE, "notice-error");
          case WARNING -> Icons.of(Material2MZ.WARNING, "notice-warning");
          case SUCCESS -> Icons.of(Material2AL.CHECK_CIRCLE_OUTLINE, "notice-success");
          case INFO -> Icons.of(Material2AL.INFO, "notice-info");
        });
      }
    });
    level.setPrefWidth(36);
    level.setMaxWidth(36);
    TableColumn<Notice, String> time = new TableColumn<>("Time");
    time.setCellValueFactory(d -> Bindings.createStringBinding(() -> TIME.format(d.getValue().time())));
    time.setPrefWidth(80);
    TableColumn<Notice, String> title = new TableColumn<>("What");
    title.setCellValueFactory(d -> Bindings.createStringBinding(() -> d.getValue().title()));
    title.setPrefWidth(220);
    TableColumn<Notice, String> message = new TableColumn<>("Details");
    message.setCellValueFactory(d -> Bindings.createStringBinding(() -> d.getValue().message()));
    message.setPrefWidth(700);
    getColumns().setAll(java.util.List.of(level, time, title, message));
    setColumnResizePolicy(CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
    Label empty = new Label("No problems. Errors and notices of the workbench show here.");
    empty.getStyleClass().add(Styles.TEXT_MUTED);
    setPlaceholder(empty);
  }
}
