package io.platformsandbox.engine.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.platformsandbox.engine.testsupport.RunningEngine;
import io.platformsandbox.engine.testsupport.SandboxClient;
import io.platformsandbox.engine.testsupport.SandboxClient.Credentials;
import io.platformsandbox.engine.testsupport.SandboxClient.Response;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class AuthAcceptanceTest {
  @RegisterExtension static RunningEngine engine = new RunningEngine();
  private SandboxClient client;
  private Credentials app;

  @BeforeEach
  void setUp() {
    client = engine.client();
    client.createTenant("acme");
    app = client.createApp("acme", "crm-sync", List.of("records:read", "records:write"));
  }

  @Test
  void basicCredentialsGetASignedBearerTokenWithTheAppsScopes() {
    Response r = client.requestToken(app, null);
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.json().get("token_type").asText()).isEqualTo("Bearer");
    assertThat(r.json().get("expires_in").asLong()).isEqualTo(3600);
    assertThat(r.json().get("scope").asText()).isEqualTo("records:read records:write");
    assertThat(r.json().get("access_token").asText().split("\\.")).hasSize(3);
    assertThat(r.header("Cache-Control")).isEqualTo("no-store");
  }

  @Test
  void formFieldCredentialsWorkToo() {
    Response r = form("grant_type=client_credentials&client_id=" + app.clientId() + "&client_secret=" + app.clientSecret());
    assertThat(r.status()).isEqualTo(200);
    assertThat(client.get("/v1/collections", r.json().get("access_token").asText()).status()).isEqualTo(200);
  }

  @Test
  void scopeParameterNarrowsTheToken() {
    Response r = client.requestToken(app, "records:read");
    assertThat(r.json().get("scope").asText()).isEqualTo("records:read");
    String token = r.json().get("access_token").asText();
    assertThat(client.get("/v1/collections", token).status()).isEqualTo(200);
    Response write = client.post("/v1/collections", token, SandboxClient.object("name", "x"));
    assertThat(write.status()).isEqualTo(403);
    assertThat(write.json().get("detail").asText()).contains("records:write");
  }

  @Test
  void askingForAScopeTheAppWasNotGrantedIsInvalidScope() {
    Response r = client.requestToken(app, "records:read pii:read");
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.json().get("error").asText()).isEqualTo("invalid_scope");
    assertThat(r.json().get("type").asText()).endsWith("/oauth-invalid-scope");
    assertThat(r.header("Content-Type")).as("RFC 6749 clients expect JSON").isEqualTo("application/json");
  }

  @Test
  void wrongSecretIsInvalidClientWith401() {
    Response r = client.requestToken(new Credentials(app.clientId(), "cs_wrong", "acme"), null);
    assertThat(r.status()).isEqualTo(401);
    assertThat(r.json().get("error").asText()).isEqualTo("invalid_client");
    assertThat(r.header("WWW-Authenticate")).startsWith("Basic");
  }

  @Test
  void otherGrantTypesAreRefused() {
    Response r = form("grant_type=password&client_id=" + app.clientId() + "&client_secret=" + app.clientSecret());
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.json().get("error").asText()).isEqualTo("unsupported_grant_type");
  }

  @Test
  void aMissingOrMalformedTokenIs401WithAChallenge() {
    assertThat(client.get("/v1/collections", null).header("WWW-Authenticate")).isEqualTo("Bearer realm=\"platform\"");
    Response garbage = client.get("/v1/collections", "not-a-jwt");
    assertThat(garbage.status()).isEqualTo(401);
    assertThat(garbage.header("WWW-Authenticate")).contains("error=\"invalid_token\"");
  }

  @Test
  void aTokenWithATamperedPayloadIsRejected() {
    String token = client.token(app);
    String[] parts = token.split("\\.");
    String payload = new String(java.util.Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
        .replace("\"tenant\":\"acme\"", "\"tenant\":\"evil\"");
    String forged = parts[0] + "." + java.util.Base64.getUrlEncoder().withoutPadding()
        .encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
    assertThat(client.get("/v1/collections", forged).status()).isEqualTo(401);
  }

  @Test
  void expiredTokenIsRejectedWith401OnTheSandboxClock() {
    String token = client.token(app);
    assertThat(client.get("/v1/collections", token).status()).isEqualTo(200);
    engine.engine().clock().advance(Duration.ofSeconds(3601));
    Response r = client.get("/v1/collections", token);
    assertThat(r.status()).isEqualTo(401);
    assertThat(r.json().get("detail").asText()).contains("expired");
  }

  @Test
  void deletingTheAppInvalidatesItsTokens() {
    String token = client.token(app);
    assertThat(client.delete("/_sandbox/apps/" + app.clientId(), null).status()).isEqualTo(204);
    assertThat(client.get("/v1/collections", token).status()).isEqualTo(401);
  }

  private Response form(String body) {
    return client.send("POST", "/oauth/token", null, "application/x-www-form-urlencoded", body.getBytes(StandardCharsets.UTF_8));
  }
}
