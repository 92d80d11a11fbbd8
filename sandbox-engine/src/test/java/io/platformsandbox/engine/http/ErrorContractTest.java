package io.platformsandbox.engine.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.platformsandbox.engine.EngineConfig;
import io.platformsandbox.engine.testsupport.AllScopes;
import io.platformsandbox.engine.testsupport.RawHttp;
import io.platformsandbox.engine.testsupport.RunningEngine;
import io.platformsandbox.engine.testsupport.SandboxClient;
import io.platformsandbox.engine.testsupport.SandboxClient.Response;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Every error is problem+json with a request id; bad input never changes what is stored. */
class ErrorContractTest {
  @RegisterExtension
  static RunningEngine engine = new RunningEngine(EngineConfig.ephemeral().withMockPort(-1).withMaxJsonBytes(16 * 1024));

  private SandboxClient client;
  private String token;
  private String recordId;

  @BeforeEach
  void setUp() {
    client = engine.client();
    client.post("/_sandbox/tenants", null, Map.of("id", "acme", "rate_limit", Map.of("per_second", 0)));
    token = client.token(client.createApp("acme", "app", AllScopes.WIRE));
    client.post("/v1/collections", token, Map.of("name", "notes", "fields",
        List.of(Map.of("name", "text", "type", "string", "required", true), Map.of("name", "n", "type", "integer"))));
    recordId = client.post("/v1/collections/notes/records", token, Map.of("text", "original", "n", 1)).json().get("id").asText();
  }

  @Test
  void unknownRouteIs404ProblemJson() {
    Response r = client.get("/v1/nowhere", token);
    assertProblem(r, 404, "not-found");
  }

  @Test
  void wrongMethodIs405WithAllow() {
    Response r = client.send("PUT", "/v1/collections", token, "application/json", "{}".getBytes(StandardCharsets.UTF_8));
    assertProblem(r, 405, "method-not-allowed");
    assertThat(r.header("Allow")).isEqualTo("GET, HEAD, POST");
    Response options = client.send("OPTIONS", "/v1/collections", token, null, null);
    assertProblem(options, 405, "method-not-allowed");
    assertThat(options.header("Allow")).isEqualTo("GET, HEAD, POST");
  }

  @Test
  void malformedJsonIs400AndChangesNothing() {
    Response r = client.send("PATCH", "/v1/collections/notes/records/" + recordId, token, "application/json",
        "{\"text\": \"changed\",".getBytes(StandardCharsets.UTF_8));
    assertProblem(r, 400, "malformed-json");
    assertThat(r.json().get("detail").asText()).contains("line 1");
    assertUnchanged();
  }

  @Test
  void aJsonArrayWhereAnObjectBelongsIs400() {
    Response r = client.send("POST", "/v1/collections/notes/records", token, "application/json", "[1,2]".getBytes(StandardCharsets.UTF_8));
    assertProblem(r, 400, "malformed-json");
    assertUnchanged();
  }

  @Test
  void wrongContentTypeIs415() {
    Response r = client.send("PATCH", "/v1/collections/notes/records/" + recordId, token, "text/plain",
        "{\"text\":\"changed\"}".getBytes(StandardCharsets.UTF_8));
    assertProblem(r, 415, "unsupported-media-type");
    assertUnchanged();
  }

  @Test
  void aHugeBodyIs413AndChangesNothing() {
    String huge = "{\"text\":\"" + "x".repeat(20 * 1024) + "\"}";
    Response r = client.send("PATCH", "/v1/collections/notes/records/" + recordId, token, "application/json",
        huge.getBytes(StandardCharsets.UTF_8));
    assertProblem(r, 413, "payload-too-large");
    assertUnchanged();
  }

  @Test
  void wrongTypesAndUnknownFieldsAre422AndChangeNothing() {
    Response r = client.patch("/v1/collections/notes/records/" + recordId, token, Map.of("n", "one", "colour", "red"));
    assertProblem(r, 422, "validation-failed");
    assertThat(r.json().get("errors").get("n").asText()).contains("integer");
    assertThat(r.json().get("errors").get("colour").asText()).contains("not a field");
    assertUnchanged();
  }

  @Test
  void requestIdIsEchoedWhenSentAndMadeWhenNot() {
    assertThat(client.get("/v1/collections", token, "X-Request-Id", "my-trace-1").header("X-Request-Id")).isEqualTo("my-trace-1");
    assertThat(client.get("/v1/collections", token).header("X-Request-Id")).startsWith("req_");
    assertThat(client.get("/_sandbox/health", null).header("X-Request-Id")).startsWith("req_");
  }

  @Test
  void badCursorAndLimitAre400() {
    assertProblem(client.get("/v1/collections/notes/records?cursor=garbage", token), 400, "invalid-cursor");
    assertProblem(client.get("/v1/collections/notes/records?limit=501", token), 400, "bad-request");
    assertProblem(client.get("/v1/collections/notes/records?limit=abc", token), 400, "bad-request");
  }

  @Test
  void requestsJettyRefusesItselfAreStillProblemJson() throws Exception {
    RawHttp.Reply reply = RawHttp.send(engine.engine().port(), "GET /v1/%zz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.header("Content-Type")).startsWith("application/problem+json");
    assertThat(reply.header("X-Request-Id")).startsWith("req_");
    RawHttp.Reply garbage = RawHttp.send(engine.engine().port(), "HELLO\r\n\r\n");
    assertThat(garbage.status()).isEqualTo(400);
    assertThat(garbage.body()).doesNotContain("<html");
  }

  private void assertUnchanged() {
    Response r = client.get("/v1/collections/notes/records/" + recordId, token);
    assertThat(r.json().get("text").asText()).isEqualTo("original");
    assertThat(r.json().get("version").asLong()).isEqualTo(1);
    assertThat(client.get("/v1/collections/notes/records", token).json().get("data")).hasSize(1);
  }

  private static void assertProblem(Response r, int status, String slug) {
    assertThat(r.status()).as(r.toString()).isEqualTo(status);
    assertThat(r.header("Content-Type")).isEqualTo("application/problem+json");
    assertThat(r.header("X-Request-Id")).isNotBlank();
    assertThat(r.json().get("type").asText()).endsWith("/" + slug);
    assertThat(r.json().get("status").asInt()).isEqualTo(status);
    assertThat(r.json().get("title").asText()).isNotBlank();
    assertThat(r.json().get("detail").asText()).isNotBlank();
    assertThat(r.text()).doesNotContain("Exception").doesNotContain("\tat ");
  }
}
