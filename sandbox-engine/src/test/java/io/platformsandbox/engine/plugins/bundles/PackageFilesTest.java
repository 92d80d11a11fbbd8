package io.platformsandbox.engine.plugins.bundles;

import static io.platformsandbox.engine.testsupport.BundleFixtures.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PackageFilesTest {
  @TempDir Path dir;

  @BeforeEach
  void aPluginFolder() {
    write(dir.resolve("plugin.yaml"), "id: acme.x\n");
    write(dir.resolve("src/a.js"), "a");
    write(dir.resolve("src/lib/b.js"), "b");
    write(dir.resolve("src/lib/c.txt"), "c");
    write(dir.resolve("mocks/crm/stub.json"), "{}");
    write(dir.resolve("target/app.jar"), "jar");
    write(dir.resolve("README.md"), "readme");
    write(dir.resolve(".sandbox/report/report.json"), "{}");
    write(dir.resolve("src/.sandbox/state"), "never");
  }

  @Test
  void literalPathsGlobsAndFoldersAreTakenSortedWithPluginYamlAlways() {
    List<String> files = PackageFiles.resolve(dir, List.of("target/app.jar", "src/**/*.js", "mocks/"));
    assertThat(files).containsExactly("mocks/crm/stub.json", "plugin.yaml", "src/lib/b.js", "target/app.jar");
  }

  @Test
  void aGlobThatNamesAFolderTakesEverythingUnderIt() {
    assertThat(PackageFiles.resolve(dir, List.of("src/*"))).containsExactly("plugin.yaml", "src/a.js", "src/lib/b.js", "src/lib/c.txt");
  }

  @Test
  void nothingUnderASandboxFolderIsEverTaken() {
    assertThat(PackageFiles.resolve(dir, List.of("**"))).doesNotContain(".sandbox/report/report.json", "src/.sandbox/state").contains("README.md");
    assertThatThrownBy(() -> PackageFiles.resolve(dir, List.of(".sandbox/report")))
        .isInstanceOf(BundleException.class)
        .hasMessageContaining("never packaged");
  }

  @ParameterizedTest
  @ValueSource(strings = {"../outside.txt", "src/../../outside.txt", "/etc/passwd", "C:/x", "src\\a.js"})
  void entriesEscapingTheFolderAreRefused(String entry) {
    assertThatThrownBy(() -> PackageFiles.resolve(dir, List.of(entry)))
        .isInstanceOf(BundleException.class)
        .hasMessageContaining("package.include '" + entry + "'");
  }

  @Test
  void anEntryMatchingNothingIsRefused() {
    assertThatThrownBy(() -> PackageFiles.resolve(dir, List.of("target/missing.jar")))
        .isInstanceOf(BundleException.class)
        .hasMessageContaining("'target/missing.jar' matches no file");
  }

  @Test
  void symbolicLinksAreRefusedWhetherFilesOrFolders() throws Exception {
    Files.createSymbolicLink(dir.resolve("src/link.js"), dir.resolve("src/a.js"));
    assertThatThrownBy(() -> PackageFiles.resolve(dir, List.of("src/**")))
        .isInstanceOf(BundleException.class)
        .hasMessageContaining("src/link.js, which is a symbolic link");
    Files.delete(dir.resolve("src/link.js"));
    Files.createSymbolicLink(dir.resolve("lib"), dir.resolve("src/lib"));
    assertThatThrownBy(() -> PackageFiles.resolve(dir, List.of("lib/b.js")))
        .isInstanceOf(BundleException.class)
        .hasMessageContaining("symbolic link");
    // a link nothing includes does not matter
    assertThat(PackageFiles.resolve(dir, List.of("src/a.js"))).containsExactly("plugin.yaml", "src/a.js");
  }

  @Test
  void aFileWithABundleReservedNameIsRefused() {
    write(dir.resolve("SIGNATURE"), "mine");
    assertThatThrownBy(() -> PackageFiles.resolve(dir, List.of("SIGNATURE")))
        .isInstanceOf(BundleException.class)
        .hasMessageContaining("SIGNATURE has a name the bundle itself uses");
  }

  @Test
  void aFolderWithoutPluginYamlIsRefused() throws Exception {
    Files.delete(dir.resolve("plugin.yaml"));
    assertThatThrownBy(() -> PackageFiles.resolve(dir, List.of())).hasMessageContaining("no plugin.yaml");
  }

  @Test
  void filesSha256IsTheSha256OfSha256sumLinesInSortedOrder() {
    String expected =
        Digests.sha256Hex(
            (Digests.sha256Hex("{}".getBytes(StandardCharsets.UTF_8)) + "  mocks/crm/stub.json\n"
                    + Digests.sha256Hex("id: acme.x\n".getBytes(StandardCharsets.UTF_8)) + "  plugin.yaml\n")
                .getBytes(StandardCharsets.UTF_8));
    assertThat(PackageFiles.filesSha256(dir, List.of("plugin.yaml", "mocks/crm/stub.json"))).isEqualTo(expected);
  }
}
