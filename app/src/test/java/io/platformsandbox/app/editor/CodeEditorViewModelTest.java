package io.platformsandbox.app.editor;

import static org.assertj.core.api.Assertions.assertThat;

import io.platformsandbox.app.core.CurrentThreadExecutor;
import io.platformsandbox.app.core.FileProblem;
import io.platformsandbox.app.core.FileProblems;
import io.platformsandbox.app.core.Notifications;
import io.platformsandbox.app.testsupport.UiThread;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CodeEditorViewModelTest {
  private final CurrentThreadExecutor executor = new CurrentThreadExecutor();
  private final Notifications notifications = new Notifications();
  private final FileProblems fileProblems = new FileProblems();
  @TempDir Path dir;

  private CodeEditorViewModel open(String name, String content, Duration delay) throws Exception {
    Path file = dir.resolve(name);
    Files.writeString(file, content);
    CodeEditorViewModel vm = new CodeEditorViewModel(file, executor, notifications, fileProblems, delay);
    vm.load();
    return vm;
  }

  @Test
  void aManifestErrorAppearsOnItsLineAndInTheProblemsDockAsTheUserTypes() throws Exception {
    CodeEditorViewModel vm = open("plugin.yaml", ManifestCheckTest.manifest(0, null), Duration.ZERO);
    assertThat(vm.isManifest()).isTrue();
    assertThat(vm.problems()).isEmpty();

    vm.textProperty().set(ManifestCheckTest.manifest(3, "version: \"1.0\""));

    assertThat(vm.problems()).singleElement().satisfies(p -> {
      assertThat(p.line()).isEqualTo(3);
      assertThat(p.field()).isEqualTo("version");
    });
    assertThat(fileProblems.all()).extracting(FileProblem::where).containsExactly("plugin.yaml:3");
    assertThat(vm.problemBinding().get()).startsWith("Line 3: version '1.0' is not a semantic version");
  }

  @Test
  void fixingTheTextClearsTheProblems() throws Exception {
    CodeEditorViewModel vm = open("plugin.yaml", ManifestCheckTest.manifest(7, "  command: python3"), Duration.ZERO);
    assertThat(vm.problems()).extracting(FileProblem::line).containsExactly(7);

    vm.textProperty().set(ManifestCheckTest.manifest(0, null));

    assertThat(vm.problems()).isEmpty();
    assertThat(fileProblems.all()).isEmpty();
    assertThat(vm.problemBinding().get()).isEmpty();
  }

  @Test
  void theStatusLineShowsTheProblemOfTheCaretsLine() throws Exception {
    String text = ManifestCheckTest.manifest(3, "version: one").replace("platform: \"^1.0\"", "platform: \"^2.0\"");
    CodeEditorViewModel vm = open("plugin.yaml", text, Duration.ZERO);
    assertThat(vm.problems()).extracting(FileProblem::line).containsExactly(3, 5);

    vm.caretLineProperty().set(5);

    assertThat(vm.problemBinding().get()).startsWith("Line 5: platform '^2.0'").endsWith("(1 more problem in this file)");
  }

  @Test
  void theCheckWaitsForTypingToPauseAndChecksOnlyTheLatestText() throws Exception {
    CodeEditorViewModel vm = open("plugin.yaml", ManifestCheckTest.manifest(0, null), Duration.ofMillis(100));
    vm.textProperty().set(ManifestCheckTest.manifest(3, "version: a"));
    vm.textProperty().set(ManifestCheckTest.manifest(3, "version: ab"));
    assertThat(vm.problems()).as("nothing is checked while typing").isEmpty();

    UiThread.until(executor, () -> !vm.problems().isEmpty());

    assertThat(vm.problems()).singleElement().satisfies(p -> assertThat(p.message()).contains("'ab'"));
  }

  @Test
  void otherJsonAndYamlFilesAreCheckedForTheirSyntax() throws Exception {
    CodeEditorViewModel vm = open("data.json", "{\"a\": 1}", Duration.ZERO);
    assertThat(vm.isManifest()).isFalse();
    assertThat(vm.problems()).isEmpty();

    vm.textProperty().set("{\"a\": 1,\n \"b\" 2}");

    assertThat(vm.problems()).singleElement().satisfies(p -> assertThat(p.line()).isEqualTo(2));
  }

  @Test
  void closingTheEditorRemovesItsProblemsFromTheDock() throws Exception {
    CodeEditorViewModel vm = open("plugin.yaml", ManifestCheckTest.manifest(3, "version: x"), Duration.ZERO);
    assertThat(fileProblems.all()).hasSize(1);

    vm.close();

    assertThat(fileProblems.all()).isEmpty();
  }
}
