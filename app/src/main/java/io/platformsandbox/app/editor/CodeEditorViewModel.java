package io.platformsandbox.app.editor;

import io.platformsandbox.app.core.BackgroundExecutor;
import io.platformsandbox.app.core.Notifications;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * One file open in the code editor: its text, whether it changed since it was read or saved, and
 * the syntax problem of JSON and YAML files as the user types.
 *
 * <p>Threading: JavaFX thread; reading and saving through the {@link BackgroundExecutor}.
 */
public final class CodeEditorViewModel {
  private static final long MAX_BYTES = 2 * 1024 * 1024;
  private final Path file;
  private final Language language;
  private final BackgroundExecutor executor;
  private final Notifications notifications;
  private final StringProperty text = new SimpleStringProperty("");
  private final ReadOnlyBooleanWrapper dirty = new ReadOnlyBooleanWrapper(false);
  private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper("");
  private final ReadOnlyBooleanWrapper loaded = new ReadOnlyBooleanWrapper(false);
  private String saved = "";

  public CodeEditorViewModel(Path file, BackgroundExecutor executor, Notifications notifications) {
    this.file = file;
    this.language = Language.forFileName(file.getFileName().toString());
    this.executor = executor;
    this.notifications = notifications;
    text.addListener((o, a, b) -> {
      dirty.set(loaded.get() && !b.equals(saved));
      problem.set(SyntaxCheck.check(b, language).map(SyntaxCheck.Problem::describe).orElse(""));
    });
  }

  public Path file() {
    return file;
  }

  public Language language() {
    return language;
  }

  public StringProperty textProperty() {
    return text;
  }

  public ReadOnlyBooleanProperty dirtyProperty() {
    return dirty.getReadOnlyProperty();
  }

  public ReadOnlyBooleanProperty loadedProperty() {
    return loaded.getReadOnlyProperty();
  }

  /** "Line 3, column 7: ..." for JSON and YAML that does not parse; empty otherwise. */
  public ReadOnlyStringProperty problemProperty() {
    return problem.getReadOnlyProperty();
  }

  public void load() {
    executor.submit(
        "Opening " + file.getFileName(),
        () -> {
          if (Files.size(file) > MAX_BYTES) {
            throw new IllegalStateException(file.getFileName() + " is larger than 2 MB; open it in another editor.");
          }
          return Files.readString(file, StandardCharsets.UTF_8);
        },
        content -> {
          saved = content;
          loaded.set(true);
          text.set(content);
          dirty.set(false);
        },
        e -> notifications.error("Open " + file.getFileName(), e));
  }

  public void save() {
    String content = text.get();
    executor.submit(
        "Saving " + file.getFileName(),
        () -> {
          Files.writeString(file, content, StandardCharsets.UTF_8);
          return content;
        },
        ok -> {
          saved = ok;
          dirty.set(!text.get().equals(saved));
        },
        e -> notifications.error("Save " + file.getFileName(), e));
  }
}
