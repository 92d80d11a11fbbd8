package io.platformsandbox.engine.control;

import static org.assertj.core.api.Assertions.assertThat;

import io.platformsandbox.engine.testsupport.AllScopes;
import io.platformsandbox.engine.testsupport.RunningEngine;
import io.platformsandbox.engine.testsupport.SandboxClient;
import io.platformsandbox.engine.testsupport.SandboxClient.Response;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ControlApiTest {
  @RegisterExtension static RunningEngine engine = new RunningEngine();
  private SandboxClient client;

  @BeforeEach
  void setUp() {
    client = engine.client();
  }

  @Test
  void healthAndInfoDescribeTheRunningSandbox() {
    assertThat(client.get("/_sandbox/health", null).json().get("status").asText()).isEqualTo("ok");
    Response info = client.get("/_sandbox/info", null);
    assertThat(info.json().get("api_url").asText()).isEqualTo(engine.engine().apiUrl());
    assertThat(info.json().get("in_memory").asBoolean()).isTrue();
    assertThat(info.json().get("version").asText()).isNotBlank();
  }

  @Test
  void tenantsCanBeCreatedListedUpdatedAndDeleted() {
    Response created = client.post("/_sandbox/tenants", null, Map.of("id", "acme", "name", "Acme Corp", "rate_limit", Map.of("per_second", 50, "burst", 100)));
    assertThat(created.status()).isEqualTo(201);
    assertThat(created.json().get("rate_limit").get("burst").asLong()).isEqualTo(100);
    assertThat(client.post("/_sandbox/tenants", null, Map.of("id", "acme")).status()).isEqualTo(409);
    assertThat(client.get("/_sandbox/tenants", null).json().get("data")).hasSize(1);
    Response patched = client.patch("/_sandbox/tenants/acme", null, Map.of("name", "Acme Inc"));
    assertThat(patched.json().get("name").asText()).isEqualTo("Acme Inc");
    assertThat(patched.json().get("rate_limit").get("per_second").asDouble()).isEqualTo(50);
    assertThat(client.delete("/_sandbox/tenants/acme", null).status()).isEqualTo(204);
    assertThat(client.get("/_sandbox/tenants/acme", null).status()).isEqualTo(404);
  }

  @Test
  void badTenantsAndAppsAre422NamingTheField() {
    Response badId = client.post("/_sandbox/tenants", null, Map.of("id", "Not OK!", "colour", "red"));
    assertThat(badId.status()).isEqualTo(422);
    assertThat(badId.json().get("errors").has("id")).isTrue();
    assertThat(badId.json().get("errors").has("colour")).isTrue();
    Response badApp = client.post("/_sandbox/apps", null, Map.of("tenant", "nobody", "name", "x", "scopes", List.of("records:read", "root")));
    assertThat(badApp.status()).isEqualTo(422);
    assertThat(badApp.json().get("errors").get("scopes").asText()).contains("root");
  }

  @Test
  void deletingATenantDeletesItsAppsAndData() {
    String token = client.tenantWithAllScopes("gone");
    client.post("/v1/collections", token, Map.of("name", "c", "fields", List.of(Map.of("name", "x", "type", "string"))));
    assertThat(client.delete("/_sandbox/tenants/gone", null).status()).isEqualTo(204);
    assertThat(client.get("/_sandbox/apps?tenant=gone", null).json().get("data")).isEmpty();
    assertThat(client.get("/v1/collections", token).status()).isEqualTo(401);
    String again = client.tenantWithAllScopes("gone");
    assertThat(client.get("/v1/collections", again).json().get("data")).isEmpty();
  }

  @Test
  void resetEmptiesEverything() {
    String token = client.tenantWithAllScopes("acme");
    client.post("/v1/collections", token, Map.of("name", "c", "fields", List.of(Map.of("name", "x", "type", "string"))));
    assertThat(client.post("/_sandbox/reset", null, Map.of()).status()).isEqualTo(204);
    assertThat(client.get("/_sandbox/tenants", null).json().get("data")).isEmpty();
    assertThat(client.get("/_sandbox/traffic", null).json().get("data")).isEmpty();
  }

  @Test
  void trafficListsPlatformCallsWithAppStatusLatencyAndBodies() {
    SandboxClient.Credentials app = client.createAppIn("acme");
    String token = client.token(app);
    client.post("/v1/collections", token, Map.of("name", "c", "fields", List.of(Map.of("name", "x", "type", "string"))));
    Response traffic = client.get("/_sandbox/traffic", null);
    var entries = traffic.json().get("data");
    var last = entries.get(entries.size() - 1);
    assertThat(last.get("method").asText()).isEqualTo("POST");
    assertThat(last.get("path").asText()).isEqualTo("/v1/collections");
    assertThat(last.get("status").asInt()).isEqualTo(201);
    assertThat(last.get("app").asText()).isEqualTo(app.clientId());
    assertThat(last.get("latency_ms").asDouble()).isPositive();
    assertThat(last.get("request_body").asText()).contains("\"name\":\"c\"");
    assertThat(last.get("response_body").asText()).contains("\"fields\"");
    long lastId = last.get("id").asLong();
    assertThat(client.get("/_sandbox/traffic?after=" + lastId, null).json().get("data")).isEmpty();
  }

  @Test
  void webPagesOfOtherOriginsAndRebindedHostNamesCannotUseTheControlApi() throws Exception {
    int port = engine.engine().port();
    var crossOrigin = io.platformsandbox.engine.testsupport.RawHttp.send(port,
        "POST /_sandbox/reset HTTP/1.1\r\nHost: 127.0.0.1\r\nOrigin: https://evil.example\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
    assertThat(crossOrigin.status()).isEqualTo(403);
    var rebound = io.platformsandbox.engine.testsupport.RawHttp.send(port,
        "GET /_sandbox/apps HTTP/1.1\r\nHost: evil.example\r\nConnection: close\r\n\r\n");
    assertThat(rebound.status()).isEqualTo(403);
    assertThat(rebound.body()).doesNotContain("client_secret");
    var local = io.platformsandbox.engine.testsupport.RawHttp.send(port,
        "GET /_sandbox/health HTTP/1.1\r\nHost: localhost:" + port + "\r\nOrigin: http://localhost:3000\r\nConnection: close\r\n\r\n");
    assertThat(local.status()).isEqualTo(200);
  }
}
