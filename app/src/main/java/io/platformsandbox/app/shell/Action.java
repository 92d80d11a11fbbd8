package io.platformsandbox.app.shell;

import atlantafx.base.theme.Styles;
import javafx.beans.value.ObservableBooleanValue;
import javafx.scene.control.Button;
import javafx.scene.control.MenuItem;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCombination;
import org.kordamp.ikonli.Ikon;

/**
 * One user action with its menu text, icon, shortcut and enabled state: the menu item and the
 * toolbar button are made from the same action, so that every action has both.
 */
public record Action(String id, String text, Ikon icon, KeyCombination shortcut, ObservableBooleanValue enabled, Runnable handler) {

  public MenuItem menuItem() {
    MenuItem item = new MenuItem(text, icon == null ? null : Icons.of(icon));
    item.setId("menu-" + id);
    if (shortcut != null) {
      item.setAccelerator(shortcut);
    }
    if (enabled != null) {
      item.disableProperty().bind(javafx.beans.binding.Bindings.not(enabled));
    }
    item.setOnAction(e -> handler.run());
    return item;
  }

  /** A toolbar button: icon and text, with the shortcut in its tooltip. */
  public Button button(boolean withText) {
    Button b = new Button(withText ? shortText() : null, icon == null ? null : Icons.of(icon));
    b.setId("tb-" + id);
    b.setFocusTraversable(false);
    if (!withText) {
      b.getStyleClass().addAll(Styles.BUTTON_ICON);
    }
    b.getStyleClass().add(Styles.FLAT);
    b.setTooltip(new Tooltip(text.replace("…", "") + (shortcut == null ? "" : "  (" + shortcut.getDisplayText() + ")")));
    if (enabled != null) {
      b.disableProperty().bind(javafx.beans.binding.Bindings.not(enabled));
    }
    b.setOnAction(e -> handler.run());
    return b;
  }

  private String shortText() {
    return text.replace("…", "").replace(" Sandbox", "");
  }
}
