package io.platformsandbox.app.editor;

import io.platformsandbox.app.core.BackgroundExecutor;
import io.platformsandbox.app.core.Debouncer;
import io.platformsandbox.app.core.FileProblem;
import io.platformsandbox.app.core.FileProblems;
import io.platformsandbox.app.core.Notifications;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * One file open in the code editor: its text, whether it changed since it was read or saved, and
 * its problems as the user types — a {@code plugin.yaml} checked as a manifest ({@link
 * ManifestCheck}: schema, semantic version, scopes, platform range), other JSON and YAML for their
 * syntax. The check runs in the background {@link #CHECK_DELAY} after the last change; its problems
 * go to the editor (underlines, gutter, status line) and to the Problems dock ({@link FileProblems}).
 *
 * <p>Threading: JavaFX thread; reading, saving and checking through the {@link BackgroundExecutor}.
 */
public final class CodeEditorViewModel {
  /** How long typing must pause before the text is checked again. */
  public static final Duration CHECK_DELAY = Duration.ofMillis(300);
  private static final long MAX_BYTES = 2 * 1024 * 1024;
  private final Path file;
  private final Language language;
  private final boolean manifest;
  private final BackgroundExecutor executor;
  private final Notifications notifications;
  private final FileProblems fileProblems;
  private final Debouncer debouncer;
  private final StringProperty text = new SimpleStringProperty("");
  private final ReadOnlyBooleanWrapper dirty = new ReadOnlyBooleanWrapper(false);
  private final ReadOnlyBooleanWrapper loaded = new ReadOnlyBooleanWrapper(false);
  private final ObservableList<FileProblem> problems = FXCollections.observableArrayList();
  private final IntegerProperty caretLine = new SimpleIntegerProperty(1);
  private final StringBinding problem;
  private String saved = "";
  /** Counts text changes, so that the result of a check of older text is dropped. */
  private long version;
  private boolean closed;

  public CodeEditorViewModel(Path file, BackgroundExecutor executor, Notifications notifications, FileProblems fileProblems, Duration checkDelay) {
    this.file = file;
    this.language = Language.forFileName(file.getFileName().toString());
    this.manifest = ManifestCheck.appliesTo(file);
    this.executor = executor;
    this.notifications = notifications;
    this.fileProblems = fileProblems;
    this.debouncer = new Debouncer(executor, checkDelay);
    problem = Bindings.createStringBinding(this::statusText, problems, caretLine);
    text.addListener((o, a, b) -> {
      dirty.set(loaded.get() && !b.equals(saved));
      version++;
      debouncer.run(this::check);
    });
  }

  public CodeEditorViewModel(Path file, BackgroundExecutor executor, Notifications notifications, FileProblems fileProblems) {
    this(file, executor, notifications, fileProblems, CHECK_DELAY);
  }

  public Path file() {
    return file;
  }

  public Language language() {
    return language;
  }

  /** Whether the file is a plugin manifest, checked as one. */
  public boolean isManifest() {
    return manifest;
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

  /** The problems of the text as last checked, by line. */
  public ObservableList<FileProblem> problems() {
    return problems;
  }

  /** The caret's line (1-based), set by the view: the status line shows that line's problem. */
  public IntegerProperty caretLineProperty() {
    return caretLine;
  }

  /**
   * The status line: the problem on the caret's line, else the first one (with how many more);
   * empty when there is none.
   */
  public StringBinding problemBinding() {
    return problem;
  }

  /** The problems on {@code line} (1-based). */
  public List<FileProblem> problemsAt(int line) {
    return problems.stream().filter(p -> p.line() == line).toList();
  }

  private String statusText() {
    if (problems.isEmpty()) {
      return "";
    }
    List<FileProblem> here = problemsAt(caretLine.get());
    FileProblem shown = here.isEmpty() ? problems.get(0) : here.get(0);
    int others = problems.size() - 1;
    return shown.describe() + (others == 0 ? "" : "  (" + others + " more problem" + (others == 1 ? "" : "s") + " in this file)");
  }

  // ---- actions -----------------------------------------------------------------------------

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
          text.set(content); // before loaded: the view reads the text when loaded turns true
          dirty.set(false);
          loaded.set(true);
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

  /** Checks the text now (the debounced check calls this). */
  public void check() {
    if (closed) {
      return;
    }
    long checked = version;
    String content = text.get();
    executor.submitQuiet(
        () -> problemsOf(content),
        found -> {
          if (checked == version && !closed) {
            problems.setAll(found);
            fileProblems.replace(file, found);
          }
        },
        e -> notifications.error("Check " + file.getFileName(), e));
  }

  private List<FileProblem> problemsOf(String content) {
    if (manifest) {
      return ManifestCheck.check(file, content);
    }
    return SyntaxCheck.check(content, language)
        .map(p -> List.of(new FileProblem(file, p.line(), "", (p.line() > 0 ? "column " + p.column() + ": " : "") + p.message())))
        .orElse(List.of());
  }

  /** The editor closed: its problems leave the Problems dock, and no check is pending. */
  public void close() {
    closed = true;
    debouncer.cancel();
    fileProblems.remove(file);
  }
}
