package io.platformsandbox.engine.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.platformsandbox.engine.testsupport.AllScopes;
import io.platformsandbox.engine.testsupport.SandboxClient;
import io.platformsandbox.engine.testsupport.SandboxClient.Credentials;
import io.platformsandbox.engine.testsupport.SandboxClient.Response;
import io.platformsandbox.engine.testsupport.SandboxProcess;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every acknowledged write survives SIGKILL of the engine process and a restart on the workspace. */
class DurabilityTest {

  @Test
  void acknowledgedWritesSurviveSigkillAndRestart(@TempDir Path workspace) throws Exception {
    Path log = workspace.resolve("serve.log");
    List<String> acknowledged = new ArrayList<>();
    Credentials app;
    try (SandboxProcess first = SandboxProcess.start(log, "serve", "--workspace", workspace.toString(), "--port", "0", "--mock-port", "0")) {
      SandboxClient client = new SandboxClient(first.awaitApiUrl());
      client.post("/_sandbox/tenants", null, Map.of("id", "acme", "rate_limit", Map.of("per_second", 0)));
      app = client.createApp("acme", "writer", AllScopes.WIRE);
      String token = client.token(app);
      client.post("/v1/collections", token, Map.of("name", "events", "fields",
          List.of(Map.of("name", "n", "type", "integer", "indexed", true))));
      client.send("PUT", "/v1/files/keep/me.txt", token, "text/plain", "kept".getBytes(StandardCharsets.UTF_8));
      for (int i = 0; i < 300; i++) {
        Response r = client.post("/v1/collections/events/records", token, Map.of("n", i));
        if (r.status() == 201) {
          acknowledged.add(r.json().get("id").asText());
        }
      }
      first.kill(); // right after the last acknowledgement
    }
    assertThat(acknowledged).hasSize(300);

    try (SandboxProcess second = SandboxProcess.start(log, "serve", "--workspace", workspace.toString(), "--port", "0", "--mock-port", "0")) {
      SandboxClient client = new SandboxClient(second.awaitApiUrl());
      String token = client.token(app); // the tenant and the app survived
      Set<String> found = new HashSet<>();
      String cursor = null;
      do {
        Response page = client.get("/v1/collections/events/records?limit=500" + (cursor == null ? "" : "&cursor=" + cursor), token);
        assertThat(page.status()).as(page.toString()).isEqualTo(200);
        page.json().get("data").forEach(r -> found.add(r.get("id").asText()));
        cursor = page.json().get("next_cursor").isNull() ? null : page.json().get("next_cursor").asText();
      } while (cursor != null);
      assertThat(found).containsAll(acknowledged);
      assertThat(client.get("/v1/files/keep/me.txt", token).text()).isEqualTo("kept");
      assertThat(client.get("/v1/audit?limit=500", token).json().get("data").size()).isGreaterThan(250);
    }
  }

  @Test
  void sigtermStopsCleanlyAndTheWorkspaceReopens(@TempDir Path workspace) throws Exception {
    Path log = workspace.resolve("serve.log");
    try (SandboxProcess first = SandboxProcess.start(log, "serve", "--workspace", workspace.toString(), "--port", "0", "--mock-port", "0")) {
      SandboxClient client = new SandboxClient(first.awaitApiUrl());
      client.createTenant("acme");
      int exit = first.terminate();
      first.awaitLine("Sandbox stopped.", 10);
      assertThat(exit).as("exit code after SIGTERM").isIn(0, 143);
    }
    try (SandboxProcess second = SandboxProcess.start(log, "serve", "--workspace", workspace.toString(), "--port", "0", "--mock-port", "0")) {
      SandboxClient client = new SandboxClient(second.awaitApiUrl());
      assertThat(client.get("/_sandbox/tenants/acme", null).status()).isEqualTo(200);
    }
  }
}
