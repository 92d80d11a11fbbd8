package io.platformsandbox.app.shell;

import atlantafx.base.theme.Styles;
import atlantafx.base.theme.Tweaks;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;

/** What the list views' tables share: their look, read-only text columns, cells styled by value. */
public final class Tables {
  private Tables() {}

  /**
   * Dense, striped and edge to edge, the last column taking the spare width; {@code emptyText},
   * muted, while there are no rows.
   */
  public static void styleAsList(TableView<?> table, String emptyText) {
    table.getStyleClass().addAll(Tweaks.EDGE_TO_EDGE, Styles.DENSE, Styles.STRIPED);
    table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
    Label empty = new Label(emptyText);
    empty.getStyleClass().add(Styles.TEXT_MUTED);
    empty.setWrapText(true);
    table.setPlaceholder(empty);
  }

  /** A read-only, unsortable column of text, never narrower than {@code width}. */
  public static <T> TableColumn<T, String> textColumn(String title, double width, Function<T, String> text) {
    TableColumn<T, String> c = new TableColumn<>(title);
    c.setCellValueFactory(d -> Bindings.createStringBinding(() -> text.apply(d.getValue())));
    c.setPrefWidth(width);
    c.setMinWidth(width);
    c.setSortable(false);
    return c;
  }

  /** A text cell that also carries the style class {@code styleOf} gives its text ("status-2xx"). */
  public static <T> TableCell<T, String> styledCell(Function<String, String> styleOf) {
    return new TableCell<>() {
      private String applied;

      @Override
      protected void updateItem(String item, boolean empty) {
        super.updateItem(item, empty);
        if (applied != null) {
          getStyleClass().remove(applied);
          applied = null;
        }
        setText(empty ? null : item);
        if (!empty && item != null) {
          applied = styleOf.apply(item);
          getStyleClass().add(applied);
        }
      }
    };
  }

  /** An ISO instant in local time, or the text as it is when it is not one. */
  public static String localTime(DateTimeFormatter format, String iso) {
    try {
      return format.format(Instant.parse(iso));
    } catch (RuntimeException e) {
      return iso;
    }
  }
}
