package io.platformsandbox.app.plugins;

import static org.assertj.core.api.Assertions.assertThat;

import io.platformsandbox.app.model.PluginInfo;
import io.platformsandbox.app.testsupport.Plugins;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PluginFoldersTest {

  private static void manifest(Path dir, String id) throws Exception {
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("plugin.yaml"), "id: " + id + "\nname: N\nversion: 2.1.0\npublisher: p\nplatform: \"^1.0\"\nruntime:\n  command: [\"true\"]\n");
  }

  @Test
  void findsTheWorkspaceItselfAndPluginsUpToTwoLevelsDownButNotInTheSandboxState(@TempDir Path ws) throws Exception {
    manifest(ws, "acme.root");
    manifest(ws.resolve("one"), "acme.one");
    manifest(ws.resolve("plugins/two"), "acme.two");
    manifest(ws.resolve("a/b/three"), "acme.too-deep");
    manifest(ws.resolve(".sandbox/marketplace"), "acme.state");
    manifest(ws.resolve("one/.sandbox"), "acme.report");

    List<PluginInfo> found = PluginFolders.scan(ws);

    assertThat(found).extracting(PluginInfo::id).containsExactly("acme.root", "acme.one", "acme.two");
    assertThat(found.get(2).version()).isEqualTo("2.1.0");
    assertThat(found.get(2).summary()).isEqualTo("2.1.0");
  }

  @Test
  void anInvalidManifestShowsItsFirstErrorWithItsLine(@TempDir Path ws) throws Exception {
    Path dir = Plugins.brokenManifest(ws, "broken");

    PluginInfo p = PluginFolders.read(dir);

    assertThat(p.isValid()).isFalse();
    assertThat(p.label()).isEqualTo("broken");
    assertThat(p.problem()).contains("runtime").contains("missing");
    assertThat(p.problemLine()).isPositive();
    assertThat(p.summary()).startsWith("line " + p.problemLine() + ": ");
  }

  @Test
  void yamlThatDoesNotParseIsReportedNotThrown(@TempDir Path ws) throws Exception {
    Files.writeString(ws.resolve("plugin.yaml"), "id: [unclosed\n");

    PluginInfo p = PluginFolders.read(ws);

    assertThat(p.isValid()).isFalse();
    assertThat(p.problem()).contains("YAML");
  }
}
