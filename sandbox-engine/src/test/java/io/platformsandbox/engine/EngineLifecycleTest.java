package io.platformsandbox.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.platformsandbox.engine.testsupport.SandboxClient;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EngineLifecycleTest {

  @Test
  void creatingAnEngineDoesNothingUntilStart(@TempDir Path workspace) {
    Engine engine = Engine.create(EngineConfig.defaults().withWorkspace(workspace).withPort(0).withMockPort(0));
    assertThat(Files.exists(workspace.resolve(".sandbox"))).isFalse();
    assertThatThrownBy(engine::port).isInstanceOf(IllegalStateException.class);
    engine.close();
  }

  @Test
  void startBindsFreeLoopbackPortsAndCloseIsSafeTwice(@TempDir Path workspace) {
    Engine engine = Engine.create(EngineConfig.defaults().withWorkspace(workspace).withPort(0).withMockPort(0)).start();
    try {
      assertThat(engine.port()).isPositive();
      assertThat(engine.mockPort()).isPositive().isNotEqualTo(engine.port());
      assertThat(engine.apiUrl()).startsWith("http://127.0.0.1:");
      assertThat(new SandboxClient(engine.apiUrl()).get("/_sandbox/health", null).status()).isEqualTo(200);
      assertThat(new SandboxClient(engine.mockUrl()).get("/__admin/mappings", null).status()).isEqualTo(200);
      assertThat(Files.exists(workspace.resolve(".sandbox/data/sandbox.mv.db"))).isTrue();
    } finally {
      engine.close();
      engine.close();
    }
  }

  @Test
  void aSecondEngineOnTheSameWorkspaceIsRefusedClearly(@TempDir Path workspace) {
    try (Engine first = Engine.create(EngineConfig.defaults().withWorkspace(workspace).withPort(0).withMockPort(-1)).start()) {
      Engine second = Engine.create(EngineConfig.defaults().withWorkspace(workspace).withPort(0).withMockPort(-1));
      assertThatThrownBy(second::start).hasMessageContaining("already open in another sandbox");
      assertThat(first.port()).isPositive();
    }
  }

  @Test
  void inMemoryWritesNoFiles(@TempDir Path workspace) throws Exception {
    try (Engine engine = Engine.create(EngineConfig.ephemeral().withWorkspace(workspace)).start()) {
      SandboxClient client = new SandboxClient(engine.apiUrl());
      String token = client.tenantWithAllScopes("acme");
      client.send("PUT", "/v1/files/a.txt", token, "text/plain", "x".getBytes());
    }
    try (var files = Files.list(workspace)) {
      assertThat(files).isEmpty();
    }
  }
}
