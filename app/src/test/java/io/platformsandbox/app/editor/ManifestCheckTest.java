package io.platformsandbox.app.editor;

import static org.assertj.core.api.Assertions.assertThat;

import io.platformsandbox.app.core.FileProblem;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class ManifestCheckTest {
  static final Path FILE = Path.of("/tmp/some-plugin/plugin.yaml");

  /** A valid manifest; {@code replace} swaps one of its lines (1-based) for another text. */
  static String manifest(int line, String replacement) {
    String[] lines = {
      "id: acme.sample",
      "name: Sample",
      "version: 1.0.0",
      "publisher: acme",
      "platform: \"^1.0\"",
      "runtime:",
      "  command: [\"python3\", \"plugin.py\"]",
      "scopes:",
      "  - records:read",
      "  - records:write",
      "",
    };
    if (line > 0) {
      lines[line - 1] = replacement;
    }
    return String.join("\n", lines);
  }

  @Test
  void aValidManifestHasNoProblems() {
    assertThat(ManifestCheck.check(FILE, manifest(0, null))).isEmpty();
  }

  @Test
  void aSchemaErrorNamesItsFieldAndLine() {
    List<FileProblem> problems = ManifestCheck.check(FILE, manifest(7, "  command: python3 plugin.py"));
    assertThat(problems).singleElement().satisfies(p -> {
      assertThat(p.line()).isEqualTo(7);
      assertThat(p.field()).isEqualTo("runtime.command");
      assertThat(p.where()).isEqualTo("plugin.yaml:7");
    });
  }

  @Test
  void anUnknownFieldIsOnItsOwnLine() {
    List<FileProblem> problems = ManifestCheck.check(FILE, manifest(4, "colour: blue"));
    assertThat(problems).extracting(FileProblem::line).contains(4);
    assertThat(problems).anySatisfy(p -> assertThat(p.field()).isEqualTo("colour"));
  }

  @Test
  void aVersionThatIsNotSemverIsOnTheVersionLine() {
    assertThat(ManifestCheck.check(FILE, manifest(3, "version: banana"))).singleElement().satisfies(p -> {
      assertThat(p.line()).isEqualTo(3);
      assertThat(p.field()).isEqualTo("version");
      assertThat(p.text()).startsWith("version 'banana' is not a semantic version");
    });
  }

  @Test
  void anUnknownScopeIsOnItsListLine() {
    assertThat(ManifestCheck.check(FILE, manifest(10, "  - records:wirte"))).singleElement().satisfies(p -> {
      assertThat(p.line()).isEqualTo(10);
      assertThat(p.text()).contains("records:wirte").contains("known scopes");
    });
  }

  @Test
  void aPlatformRangeThisSandboxDoesNotSatisfyIsOnThePlatformLine() {
    assertThat(ManifestCheck.check(FILE, manifest(5, "platform: \"^2.0\""))).singleElement()
        .satisfies(p -> assertThat(p.line()).isEqualTo(5));
  }

  @Test
  void yamlThatDoesNotParseIsOneProblemWithItsLine() {
    List<FileProblem> problems = ManifestCheck.check(FILE, manifest(9, "  - [records:read"));
    assertThat(problems).singleElement().satisfies(p -> {
      assertThat(p.line()).isGreaterThanOrEqualTo(9);
      assertThat(p.field()).isEmpty();
      assertThat(p.message()).contains("YAML");
    });
  }
}
