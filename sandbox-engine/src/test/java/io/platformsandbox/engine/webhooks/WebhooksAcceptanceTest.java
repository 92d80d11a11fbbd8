package io.platformsandbox.engine.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.platformsandbox.engine.Engine;
import io.platformsandbox.engine.EngineConfig;
import io.platformsandbox.engine.api.Scope;
import io.platformsandbox.engine.json.Json;
import io.platformsandbox.engine.testsupport.AllScopes;
import io.platformsandbox.engine.testsupport.RunningEngine;
import io.platformsandbox.engine.testsupport.SandboxClient;
import io.platformsandbox.engine.testsupport.SandboxClient.Response;
import io.platformsandbox.engine.testsupport.WebhookReceiver;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class WebhooksAcceptanceTest {
  @RegisterExtension static RunningEngine engine = new RunningEngine();
  private SandboxClient client;
  private String token;
  private WebhookReceiver receiver;

  @BeforeEach
  void setUp() throws Exception {
    client = engine.client();
    receiver = new WebhookReceiver();
    client.post("/_sandbox/tenants", null, Map.of("id", "acme", "rate_limit", Map.of("per_second", 0)));
    token = client.token(client.createApp("acme", "full", AllScopes.WIRE));
    client.post("/v1/collections", token, Map.of("name", "contacts", "fields", List.of(
        Map.of("name", "name", "type", "string"), Map.of("name", "email", "type", "string", "classification", "pii"))));
    client.post("/v1/collections", token, Map.of("name", "tickets", "fields", List.of(Map.of("name", "title", "type", "string"))));
  }

  @AfterEach
  void tearDown() {
    receiver.close();
  }

  private JsonNode register(String appToken, List<String> events) {
    Response r = client.post("/v1/webhooks", appToken, Map.of("url", receiver.url(), "events", events));
    assertThat(r.status()).as(r.toString()).isEqualTo(201);
    assertThat(r.json().get("secret").asText()).startsWith("whsec_");
    return r.json();
  }

  @Test
  void aRecordChangeArrivesSignedWithTheDocumentedHeadersAndMaskedPii() {
    String noPii = client.token(client.createApp("acme", "no-pii", AllScopes.except(Scope.PII_READ)));
    JsonNode hook = register(noPii, List.of("record.created:contacts"));
    client.post("/v1/collections/tickets/records", token, Map.of("title", "not subscribed"));
    String id = client.post("/v1/collections/contacts/records", token, Map.of("name", "Ann", "email", "ann@example.com")).json().get("id").asText();

    await().atMost(Duration.ofSeconds(10)).until(() -> receiver.received().size() == 1);
    WebhookReceiver.Received got = receiver.received().get(0);
    assertThat(WebhookReceiver.signatureValid(got, hook.get("secret").asText())).isTrue();
    assertThat(WebhookReceiver.signatureValid(got, "whsec_wrong")).isFalse();
    long t = Long.parseLong(got.header("Platform-Signature").split(",")[0].substring(2));
    assertThat(Math.abs(Instant.now().getEpochSecond() - t)).isLessThan(30);
    assertThat(got.header("Platform-Delivery-Attempt")).isEqualTo("1");
    JsonNode event = Json.parseTrusted(got.body());
    assertThat(got.header("Platform-Event-Id")).isEqualTo(event.get("id").asText());
    assertThat(event.get("type").asText()).isEqualTo("record.created");
    assertThat(event.get("tenant").asText()).isEqualTo("acme");
    assertThat(event.get("data").get("collection").asText()).isEqualTo("contacts");
    assertThat(event.get("data").get("id").asText()).isEqualTo(id);
    assertThat(event.get("data").get("record").get("name").asText()).isEqualTo("Ann");
    assertThat(event.get("data").get("record").get("email").asText()).isEqualTo("***");
  }

  @Test
  void failuresAreRetriedOnTheSandboxClockThenDeadLetteredAndCanBeRedelivered() {
    JsonNode hook = register(token, List.of("record.created"));
    receiver.answer(500);
    client.post("/v1/collections/tickets/records", token, Map.of("title", "t"));
    await().atMost(Duration.ofSeconds(10)).until(() -> receiver.received().size() == 1);
    int[] backoff = {1, 2, 4, 8, 16};
    for (int i = 0; i < backoff.length; i++) {
      final int expected = i + 2;
      engine.engine().clock().advance(Duration.ofSeconds(backoff[i]));
      await().atMost(Duration.ofSeconds(10)).until(() -> receiver.received().size() == expected);
      assertThat(receiver.received().get(i + 1).header("Platform-Delivery-Attempt")).isEqualTo(Integer.toString(expected));
    }
    String deliveries = "/v1/webhooks/" + hook.get("id").asText() + "/deliveries";
    await().atMost(Duration.ofSeconds(10)).until(() -> client.get(deliveries, token).json().get("data").get(0).get("status").asText().equals("dead"));
    JsonNode delivery = client.get(deliveries, token).json().get("data").get(0);
    assertThat(delivery.get("attempts").asInt()).isEqualTo(6);
    assertThat(delivery.get("attempt_history")).hasSize(6);
    assertThat(delivery.get("attempt_history").get(0).get("status_code").asInt()).isEqualTo(500);
    assertThat(delivery.get("attempt_history").get(0).get("response_excerpt").asText()).isEqualTo("answer 500");
    engine.engine().clock().advance(Duration.ofSeconds(3600));
    assertThat(receiver.received()).hasSize(6); // nothing after the dead letter

    receiver.answer(204);
    String fresh = client.token(client.createApp("acme", "after-an-hour", AllScopes.WIRE)); // the old token expired
    Response redelivered = client.send("POST", deliveries + "/" + delivery.get("id").asText() + "/redeliver", fresh, null, null);
    assertThat(redelivered.status()).as(redelivered.toString()).isEqualTo(200);
    assertThat(redelivered.json().get("status").asText()).isEqualTo("succeeded");
    assertThat(receiver.received()).hasSize(7);
    assertThat(receiver.received().get(6).header("Platform-Event-Id")).isEqualTo(receiver.received().get(0).header("Platform-Event-Id"));
  }

  @Test
  void triggeredEventsAreDeliveredToSubscribers() {
    register(token, List.of("subject.erasure_requested"));
    Response r = client.post("/_sandbox/trigger", null, Map.of("tenant", "acme", "type", "subject.erasure_requested", "subject", "s-1"));
    assertThat(r.status()).isEqualTo(202);
    await().atMost(Duration.ofSeconds(10)).until(() -> receiver.received().size() == 1);
    JsonNode event = Json.parseTrusted(receiver.received().get(0).body());
    assertThat(event.get("subject").asText()).isEqualTo("s-1");
  }

  @Test
  void webhooksAreValidatedAndTenantScoped() {
    Response bad = client.post("/v1/webhooks", token, Map.of("url", "ftp://x", "events", List.of("Record Created")));
    assertThat(bad.status()).isEqualTo(422);
    assertThat(bad.json().get("errors").has("url")).isTrue();
    assertThat(bad.json().get("errors").has("events")).isTrue();
    JsonNode hook = register(token, List.of("*"));
    String other = client.tenantWithAllScopes("globex");
    assertThat(client.get("/v1/webhooks/" + hook.get("id").asText(), other).status()).isEqualTo(404);
    assertThat(client.get("/v1/webhooks", other).json().get("data")).isEmpty();
    assertThat(client.get("/v1/webhooks", token).json().get("data").get(0).has("secret")).isFalse();
  }

  @Test
  void pendingDeliveriesResumeAfterARestart(@TempDir Path workspace) throws Exception {
    EngineConfig config = EngineConfig.defaults().withWorkspace(workspace).withPort(0).withMockPort(-1);
    String hookId;
    receiver.answer(503);
    try (Engine first = Engine.create(config).start()) {
      SandboxClient c = new SandboxClient(first.apiUrl());
      String t = c.tenantWithAllScopes("acme");
      c.post("/v1/collections", t, Map.of("name", "notes", "fields", List.of(Map.of("name", "text", "type", "string"))));
      hookId = c.post("/v1/webhooks", t, Map.of("url", receiver.url(), "events", List.of("record.created"))).json().get("id").asText();
      c.post("/v1/collections/notes/records", t, Map.of("text", "survive me"));
      await().atMost(Duration.ofSeconds(10)).until(() -> receiver.received().size() == 1);
    }
    receiver.answer(200);
    try (Engine second = Engine.create(config).start()) {
      // The retry was due one sandbox second later; after a restart it resumes on its own.
      await().atMost(Duration.ofSeconds(15)).until(() -> receiver.received().size() >= 2);
      SandboxClient c = new SandboxClient(second.apiUrl());
      String t = c.token(c.createApp("acme", "reader", AllScopes.WIRE));
      await().atMost(Duration.ofSeconds(10)).until(() ->
          c.get("/v1/webhooks/" + hookId + "/deliveries", t).json().get("data").get(0).get("status").asText().equals("succeeded"));
      assertThat(Json.parseTrusted(receiver.received().get(1).body()).get("data").get("record").get("text").asText()).isEqualTo("survive me");
    }
  }
}
