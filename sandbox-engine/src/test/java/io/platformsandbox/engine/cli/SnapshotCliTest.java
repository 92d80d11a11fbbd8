package io.platformsandbox.engine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.platformsandbox.engine.Engine;
import io.platformsandbox.engine.EngineConfig;
import io.platformsandbox.engine.testsupport.SandboxClient;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sandbox snapshot export|import} as a user runs them. */
class SnapshotCliTest {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private final Console console =
      new Console(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));

  @Test
  void exportThenImportAgainstARunningSandbox(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("state.zip");
    try (Engine engine = Engine.create(EngineConfig.ephemeral().withMockPort(-1)).start()) {
      SandboxClient client = new SandboxClient(engine.apiUrl());
      client.createTenant("acme");
      assertThat(SandboxCli.run(console, "snapshot", "export", file.toString(), "--url", engine.apiUrl())).isEqualTo(0);
      assertThat(out.toString()).contains("Exported");
      client.createTenant("later");
      assertThat(SandboxCli.run(console, "snapshot", "import", file.toString(), "--url", engine.apiUrl())).isEqualTo(0);
      assertThat(client.get("/_sandbox/tenants/later", null).status()).isEqualTo(404);
      assertThat(client.get("/_sandbox/tenants/acme", null).status()).isEqualTo(200);
    }
  }

  @Test
  void aBadFileIsRefusedWithOneReadableLineAndAFailedExportKeepsTheOldFile(@TempDir Path dir) throws Exception {
    Path bad = dir.resolve("bad.zip");
    Files.writeString(bad, "not a snapshot");
    Path keep = dir.resolve("keep.zip");
    Files.writeString(keep, "an earlier export");
    try (Engine engine = Engine.create(EngineConfig.ephemeral().withMockPort(-1)).start()) {
      new SandboxClient(engine.apiUrl()).createTenant("acme");
      assertThat(SandboxCli.run(console, "snapshot", "import", bad.toString(), "--url", engine.apiUrl())).isEqualTo(1);
      assertThat(err.toString()).contains("import refused").contains("Nothing was changed");
      assertThat(new SandboxClient(engine.apiUrl()).get("/_sandbox/tenants/acme", null).status()).isEqualTo(200);
    }
    // no sandbox at this URL any more: the export fails and the earlier file is untouched
    assertThat(SandboxCli.run(console, "snapshot", "export", keep.toString(), "--url", "http://127.0.0.1:1")).isEqualTo(1);
    assertThat(Files.readString(keep)).isEqualTo("an earlier export");
    assertThat(err.toString()).contains("no sandbox answers");
  }

  @Test
  void exportAndImportWorkOnAWorkspaceDirectly(@TempDir Path dir) throws Exception {
    Path ws = dir.resolve("ws");
    try (Engine engine = Engine.create(EngineConfig.defaults().withWorkspace(ws).withPort(0).withMockPort(-1)).start()) {
      new SandboxClient(engine.apiUrl()).post("/_sandbox/tenants", null, Map.of("id", "acme"));
    }
    Path file = dir.resolve("ws.zip");
    assertThat(SandboxCli.run(console, "snapshot", "export", file.toString(), "--workspace", ws.toString())).isEqualTo(0);
    Path other = dir.resolve("other");
    assertThat(SandboxCli.run(console, "snapshot", "import", file.toString(), "--workspace", other.toString())).isEqualTo(0);
    try (Engine engine = Engine.create(EngineConfig.defaults().withWorkspace(other).withPort(0).withMockPort(-1)).start()) {
      assertThat(new SandboxClient(engine.apiUrl()).get("/_sandbox/tenants/acme", null).status()).isEqualTo(200);
    }
  }
}
