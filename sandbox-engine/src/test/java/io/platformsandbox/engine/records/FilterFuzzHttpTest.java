package io.platformsandbox.engine.records;

import static org.assertj.core.api.Assertions.assertThat;

import io.platformsandbox.engine.Engine;
import io.platformsandbox.engine.EngineConfig;
import io.platformsandbox.engine.testsupport.AllScopes;
import io.platformsandbox.engine.testsupport.SandboxClient;
import io.platformsandbox.engine.testsupport.SandboxClient.Response;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Random token soup through the real HTTP API: every filter either runs (200) or is refused with a
 * 400 problem naming a position inside the filter, never a 5xx, and the data is never touched.
 */
class FilterFuzzHttpTest {
  private static Engine engine;
  private static SandboxClient client;
  private static String token;

  @BeforeContainer
  static void start() {
    engine = Engine.create(EngineConfig.ephemeral().withMockPort(-1)).start();
    client = new SandboxClient(engine.apiUrl());
    client.post("/_sandbox/tenants", null, Map.of("id", "fuzz", "rate_limit", Map.of("per_second", 0)));
    token = client.token(client.createApp("fuzz", "fuzz", AllScopes.WIRE));
    client.post("/v1/collections", token, Map.of("name", "t", "fields", List.of(
        Map.of("name", "status", "type", "string"), Map.of("name", "n", "type", "integer"),
        Map.of("name", "x", "type", "number"), Map.of("name", "ok", "type", "boolean"),
        Map.of("name", "at", "type", "datetime"))));
    for (int i = 0; i < 5; i++) {
      client.post("/v1/collections/t/records", token, Map.of("status", "s" + i, "n", i, "ok", i % 2 == 0));
    }
  }

  @AfterContainer
  static void stop() {
    engine.close();
  }

  @Provide
  Arbitrary<String> soup() {
    Arbitrary<String> token = Arbitraries.of(
        "status", "n", "x", "ok", "at", "id", "version", "nope", "eq", "ne", "gt", "ge", "lt", "le", "contains",
        "and", "or", "(", ")", "\"s1\"", "\"", "\\", "1", "-2.5", "1e3", "true", "false", "null", "'", ";", "--",
        "=", "\"2026-01-01T00:00:00Z\"", "\u00e9", "%", "_", "DROP TABLE t", " ");
    return token.list().ofMinSize(1).ofMaxSize(12).map(parts -> String.join(" ", parts));
  }

  @Property(tries = 200)
  void everyFilterRunsOrIsRefusedWithAPosition(@ForAll("soup") String filter) {
    Response r = client.get("/v1/collections/t/records?filter=" + RecordsAcceptanceTest.enc(filter), token);
    assertThat(r.status()).as(filter + " -> " + r).isIn(200, 400);
    if (r.status() == 400) {
      assertThat(r.header("Content-Type")).isEqualTo("application/problem+json");
      if (!filter.isBlank()) {
        int position = r.json().get("position").asInt();
        assertThat(position).as(filter + " -> " + r).isBetween(1, filter.codePointCount(0, filter.length()) + 1);
        assertThat(r.json().get("detail").asText()).contains("position " + position);
      }
    }
    assertThat(client.get("/v1/collections/t/records", token).json().get("data")).hasSize(5);
  }
}
