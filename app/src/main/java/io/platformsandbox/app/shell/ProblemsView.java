package io.platformsandbox.app.shell;

import atlantafx.base.theme.Styles;
import atlantafx.base.theme.Tweaks;
import io.platformsandbox.app.core.FileProblem;
import io.platformsandbox.app.core.FileProblems;
import io.platformsandbox.app.core.Notice;
import io.platformsandbox.app.core.Notifications;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import javafx.beans.binding.Bindings;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import org.kordamp.ikonli.material2.Material2AL;
import org.kordamp.ikonli.material2.Material2MZ;

/**
 * The Problems dock tab: the problems of the files open in editors (file:line, sorted by file and
 * line; a click opens the file at that line), then every notice the workbench showed, newest first.
 */
final class ProblemsView extends TableView<ProblemsView.Row> {
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

  /** A line of the table: a file's problem or a notice. */
  record Row(FileProblem problem, Notice notice) {
    Notice.Level level() {
      return problem != null ? Notice.Level.ERROR : notice.level();
    }

    String where() {
      return problem != null ? problem.where() : "";
    }

    String what() {
      return problem != null ? (problem.field().isEmpty() ? "syntax" : problem.field()) : notice.title();
    }

    String details() {
      return problem != null ? problem.message() : notice.message();
    }

    String time() {
      return notice == null ? "" : TIME.format(notice.time());
    }
  }

  private final ObservableList<Row> rows = FXCollections.observableArrayList();

  /** @param opener opens a problem's file at its line */
  ProblemsView(Notifications notifications, FileProblems fileProblems, Consumer<FileProblem> opener) {
    setId("problems");
    getStyleClass().addAll(Tweaks.EDGE_TO_EDGE, Styles.DENSE, "problems");
    Runnable sync = () -> {
      List<Row> next = new ArrayList<>();
      fileProblems.all().forEach(p -> next.add(new Row(p, null)));
      notifications.notices().stream().sorted((a, b) -> b.time().compareTo(a.time())).forEach(n -> next.add(new Row(null, n)));
      rows.setAll(next);
    };
    notifications.notices().addListener((ListChangeListener<Notice>) c -> sync.run());
    fileProblems.all().addListener((ListChangeListener<FileProblem>) c -> sync.run());
    sync.run();
    setItems(rows);

    TableColumn<Row, Notice.Level> level = new TableColumn<>("");
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
    level.setSortable(false);
    TableColumn<Row, String> time = column("Time", Row::time, 80);
    TableColumn<Row, String> where = column("Where", Row::where, 140);
    TableColumn<Row, String> what = column("What", Row::what, 200);
    TableColumn<Row, String> details = column("Details", Row::details, 700);
    getColumns().setAll(List.of(level, time, where, what, details));
    setColumnResizePolicy(CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
    setRowFactory(t -> {
      TableRow<Row> row = new TableRow<>() {
        @Override
        protected void updateItem(Row item, boolean empty) {
          super.updateItem(item, empty);
          getStyleClass().remove("file-problem");
          setTooltip(null);
          if (!empty && item != null && item.problem() != null) {
            getStyleClass().add("file-problem");
            setTooltip(new Tooltip(item.problem().file() + (item.problem().line() > 0 ? ":" + item.problem().line() : "") + "\n" + item.problem().text()));
          }
        }
      };
      row.setOnMouseClicked(e -> {
        if (!row.isEmpty() && row.getItem().problem() != null) {
          opener.accept(row.getItem().problem());
        }
      });
      return row;
    });
    setOnKeyPressed(e -> {
      Row r = getSelectionModel().getSelectedItem();
      if (e.getCode() == KeyCode.ENTER && r != null && r.problem() != null) {
        opener.accept(r.problem());
      }
    });
    Label empty = new Label("No problems. Errors in open files and the workbench's notices show here.");
    empty.getStyleClass().add(Styles.TEXT_MUTED);
    setPlaceholder(empty);
  }

  private static TableColumn<Row, String> column(String title, java.util.function.Function<Row, String> value, double width) {
    TableColumn<Row, String> c = new TableColumn<>(title);
    c.setCellValueFactory(d -> Bindings.createStringBinding(() -> value.apply(d.getValue())));
    c.setPrefWidth(width);
    c.setSortable(false);
    return c;
  }
}
