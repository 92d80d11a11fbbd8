package io.platformsandbox.app.shell;

import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.javafx.FontIcon;

/** Ikonli icons, sized to the text around them. */
public final class Icons {
  private Icons() {}

  public static FontIcon of(Ikon ikon) {
    FontIcon icon = new FontIcon(ikon);
    icon.getStyleClass().add("wb-icon");
    return icon;
  }

  public static FontIcon of(Ikon ikon, String styleClass) {
    FontIcon icon = of(ikon);
    icon.getStyleClass().add(styleClass);
    return icon;
  }
}
