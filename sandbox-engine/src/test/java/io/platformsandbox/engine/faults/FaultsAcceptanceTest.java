package io.platformsandbox.engine.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.platformsandbox.engine.testsupport.AllScopes;
import io.platformsandbox.engine.testsupport.RunningEngine;
import io.platformsandbox.engine.testsupport.SandboxClient;
import io.platformsandbox.engine.testsupport.SandboxClient.Credentials;
import io.platformsandbox.engine.testsupport.SandboxClient.Response;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class FaultsAcceptanceTest {
  @RegisterExtension static RunningEngine engine = new RunningEngine();
  private SandboxClient client;
  private String token;
  private Credentials app;

  @BeforeEach
  void setUp() {
    client = engine.client();
    client.post("/_sandbox/tenants", null, Map.of("id", "acme", "rate_limit", Map.of("per_second", 0)));
    app = client.createApp("acme", "full", AllScopes.WIRE);
    token = client.token(app);
  }

  private Response addRule(Map<String, Object> rule) {
    Response r = client.post("/_sandbox/faults", null, rule);
    assertThat(r.status()).as(r.toString()).isEqualTo(201);
    return r;
  }

  @Test
  void aCountedStatusFaultAppliesExactlyThatOftenAndIsMarkedInTraffic() {
    String id = addRule(Map.of("method", "GET", "path", "/v1/collections", "status", 429, "retry_after_s", 2, "count", 2)).json().get("id").asText();
    Response first = client.get("/v1/collections", token);
    assertThat(first.status()).isEqualTo(429);
    assertThat(first.header("Retry-After")).isEqualTo("2");
    assertThat(first.json().get("fault_id").asText()).isEqualTo(id);
    assertThat(client.get("/v1/collections", token).status()).isEqualTo(429);
    assertThat(client.get("/v1/collections", token).status()).isEqualTo(200);
    var traffic = new java.util.ArrayList<com.fasterxml.jackson.databind.JsonNode>();
    client.get("/_sandbox/traffic", null).json().get("data").forEach(e -> {
      if (e.get("path").asText().equals("/v1/collections")) {
        traffic.add(e);
      }
    });
    assertThat(traffic).hasSize(3);
    assertThat(traffic.get(0).get("fault").asText()).isEqualTo(id);
    assertThat(traffic.get(0).get("status").asInt()).isEqualTo(429);
    assertThat(traffic.get(2).get("fault").isNull()).isTrue();
    assertThat(client.get("/_sandbox/faults", null).json().get("data")).isEmpty();
  }

  @Test
  void rulesMatchPathPatternsAndOnlyTheNamedApp() {
    Credentials other = client.createApp("acme", "other", AllScopes.WIRE);
    String otherToken = client.token(other);
    addRule(Map.of("path", "/v1/collections/**", "app", app.clientId(), "status", 503));
    assertThat(client.get("/v1/collections/x/records", token).status()).isEqualTo(503);
    assertThat(client.get("/v1/collections/x/records", otherToken).status()).isEqualTo(404);
    assertThat(client.get("/v1/collections", token).status()).isEqualTo(200);
    assertThat(client.get("/_sandbox/health", null).status()).isEqualTo(200); // the control API is never faulted
  }

  @Test
  void probabilityZeroNeverAppliesAndOneAlways() {
    addRule(Map.of("path", "/v1/audit", "status", 500, "probability", 0.0));
    for (int i = 0; i < 20; i++) {
      assertThat(client.get("/v1/audit", token).status()).isEqualTo(200);
    }
    assertThat(client.delete("/_sandbox/faults", null).status()).isEqualTo(204);
    addRule(Map.of("path", "/v1/audit", "status", 500, "probability", 1.0));
    for (int i = 0; i < 20; i++) {
      assertThat(client.get("/v1/audit", token).status()).isEqualTo(500);
    }
  }

  @Test
  void latencyDelaysAndDropClosesTheConnection() throws Exception {
    addRule(Map.of("path", "/v1/topics", "latency_ms", 300, "count", 1));
    long started = System.nanoTime();
    assertThat(client.get("/v1/topics", token).status()).isEqualTo(200);
    assertThat((System.nanoTime() - started) / 1_000_000).isGreaterThanOrEqualTo(300);
    addRule(Map.of("path", "/v1/topics", "drop", true, "count", 1));
    try (java.net.Socket socket = new java.net.Socket(java.net.InetAddress.getLoopbackAddress(), engine.engine().port())) {
      socket.setSoTimeout(10_000);
      socket.getOutputStream().write(("GET /v1/topics HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + token + "\r\n\r\n")
          .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
      assertThat(socket.getInputStream().readAllBytes()).as("a dropped connection answers nothing").isEmpty();
    } catch (java.net.SocketException reset) {
      // a reset is a drop too
    }
    assertThat(client.get("/v1/topics", token).status()).isEqualTo(200);
  }

  @Test
  void badRulesAre422() {
    Map<String, Object> rule = new HashMap<>();
    rule.put("path", "no-slash");
    rule.put("probability", 2);
    rule.put("colour", "red");
    Response r = client.post("/_sandbox/faults", null, rule);
    assertThat(r.status()).isEqualTo(422);
    assertThat(r.json().get("errors").fieldNames()).toIterable().contains("path", "probability", "colour");
  }
}
