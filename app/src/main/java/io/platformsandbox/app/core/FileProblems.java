package io.platformsandbox.app.core;

import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The problems of the files open in editors, by file and line: each editor replaces its own as it
 * re-checks, and removes them when it closes. The Problems dock lists them above the notices.
 *
 * <p>Threading: JavaFX thread (or the test thread).
 */
public final class FileProblems {
  private static final Comparator<FileProblem> ORDER =
      Comparator.comparing((FileProblem p) -> p.file().toString()).thenComparingInt(FileProblem::line);
  private final ObservableList<FileProblem> all = FXCollections.observableArrayList();

  /** Every problem, sorted by file and line. */
  public ObservableList<FileProblem> all() {
    return all;
  }

  /** Replaces the problems of {@code file} with {@code problems} (none: the file is clean). */
  public void replace(Path file, List<FileProblem> problems) {
    List<FileProblem> before = all.stream().filter(p -> p.file().equals(file)).toList();
    if (before.equals(problems)) {
      return;
    }
    List<FileProblem> next = new java.util.ArrayList<>(all.stream().filter(p -> !p.file().equals(file)).toList());
    next.addAll(problems);
    next.sort(ORDER);
    all.setAll(next);
  }

  public void remove(Path file) {
    replace(file, List.of());
  }

  public List<FileProblem> of(Path file) {
    return all.stream().filter(p -> p.file().equals(file)).toList();
  }
}
