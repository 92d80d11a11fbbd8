package io.platformsandbox.engine.records;

import static io.platformsandbox.engine.testsupport.SandboxClient.object;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.platformsandbox.engine.testsupport.AllScopes;
import io.platformsandbox.engine.testsupport.RunningEngine;
import io.platformsandbox.engine.testsupport.SandboxClient;
import io.platformsandbox.engine.testsupport.SandboxClient.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RecordsAcceptanceTest {
  @RegisterExtension static RunningEngine engine = new RunningEngine();
  private SandboxClient client;
  private String token;

  @BeforeEach
  void setUp() {
    client = engine.client();
    client.post("/_sandbox/tenants", null, Map.of("id", "acme", "rate_limit", Map.of("per_second", 0)));
    token = client.token(client.createApp("acme", "full", AllScopes.WIRE));
    Response r =
        client.post(
            "/v1/collections",
            token,
            Map.of(
                "name", "contacts",
                "subject_field", "subject_id",
                "retention_days", 30,
                "fields",
                List.of(
                    Map.of("name", "name", "type", "string", "required", true),
                    Map.of("name", "email", "type", "string", "classification", "pii", "indexed", true),
                    Map.of("name", "subject_id", "type", "string"),
                    Map.of("name", "priority", "type", "integer", "indexed", true),
                    Map.of("name", "score", "type", "number"),
                    Map.of("name", "vip", "type", "boolean"),
                    Map.of("name", "seen_at", "type", "datetime"),
                    Map.of("name", "extra", "type", "json"))));
    assertThat(r.status()).as(r.toString()).isEqualTo(201);
  }

  private Response create(Map<String, ?> body) {
    return client.post("/v1/collections/contacts/records", token, body);
  }

  @Test
  void createGetPatchDeleteRoundTripWithVersionsAndETags() {
    Response created =
        create(Map.of("name", "Ann", "email", "ann@example.com", "priority", 2, "score", 0.5, "vip", true,
            "seen_at", "2026-01-02T03:04:05+01:00", "extra", Map.of("tags", List.of("a"))));
    assertThat(created.status()).isEqualTo(201);
    JsonNode body = created.json();
    String id = body.get("id").asText();
    assertThat(body.get("version").asLong()).isEqualTo(1);
    assertThat(created.header("ETag")).isEqualTo("\"1\"");
    assertThat(created.header("Location")).isEqualTo("/v1/collections/contacts/records/" + id);
    assertThat(body.get("seen_at").asText()).isEqualTo("2026-01-02T02:04:05Z");
    assertThat(body.get("extra").get("tags").get(0).asText()).isEqualTo("a");
    assertThat(body.get("created_at").asText()).isEqualTo(body.get("updated_at").asText());

    Response got = client.get("/v1/collections/contacts/records/" + id, token);
    assertThat(got.json()).isEqualTo(body);

    Response patched = client.patch("/v1/collections/contacts/records/" + id, token, Map.of("priority", 5), "If-Match", "\"1\"");
    assertThat(patched.status()).isEqualTo(200);
    assertThat(patched.json().get("priority").asInt()).isEqualTo(5);
    assertThat(patched.json().get("name").asText()).isEqualTo("Ann");
    assertThat(patched.header("ETag")).isEqualTo("\"2\"");

    Response stale = client.patch("/v1/collections/contacts/records/" + id, token, Map.of("priority", 9), "If-Match", "\"1\"");
    assertThat(stale.status()).isEqualTo(412);
    assertThat(client.get("/v1/collections/contacts/records/" + id, token).json().get("priority").asInt()).isEqualTo(5);

    assertThat(client.delete("/v1/collections/contacts/records/" + id, token, "If-Match", "\"1\"").status()).isEqualTo(412);
    assertThat(client.delete("/v1/collections/contacts/records/" + id, token, "If-Match", "\"2\"").status()).isEqualTo(204);
    assertThat(client.get("/v1/collections/contacts/records/" + id, token).status()).isEqualTo(404);
  }

  @Test
  void schemaViolationsAre422WithAnErrorPerFieldAndStoreNothing() {
    Response r = create(Map.of("email", 42, "priority", "high", "vip", "yes", "seen_at", "yesterday", "colour", "red", "id", "x"));
    assertThat(r.status()).isEqualTo(422);
    JsonNode errors = r.json().get("errors");
    assertThat(errors.get("name").asText()).isEqualTo("is required");
    assertThat(errors.get("email").asText()).contains("string");
    assertThat(errors.get("priority").asText()).contains("integer");
    assertThat(errors.get("vip").asText()).contains("true or false");
    assertThat(errors.get("seen_at").asText()).contains("ISO-8601");
    assertThat(errors.get("colour").asText()).contains("not a field");
    assertThat(errors.get("id").asText()).contains("set by the platform");
    assertThat(count()).isZero();
  }

  @Test
  void piiIsMaskedWithoutPiiReadAndEveryUnmaskedReadIsAudited() {
    String id = create(Map.of("name", "Ann", "email", "ann@example.com")).json().get("id").asText();
    String noPii = client.token(client.createApp("acme", "no-pii", AllScopes.except(io.platformsandbox.engine.api.Scope.PII_READ)));
    Response masked = client.get("/v1/collections/contacts/records/" + id, noPii);
    assertThat(masked.json().get("email").asText()).isEqualTo("***");
    assertThat(masked.json().get("name").asText()).isEqualTo("Ann");
    Response listMasked = client.get("/v1/collections/contacts/records", noPii);
    assertThat(listMasked.text()).doesNotContain("ann@example.com");

    Response filterOnPii = client.get("/v1/collections/contacts/records?filter=" + enc("email eq \"ann@example.com\""), noPii);
    assertThat(filterOnPii.status()).isEqualTo(403);
    assertThat(filterOnPii.json().get("detail").asText()).contains("pii:read");

    Response clear = client.get("/v1/collections/contacts/records/" + id, token, "Platform-Purpose", "support ticket 7");
    assertThat(clear.json().get("email").asText()).isEqualTo("ann@example.com");
    JsonNode audit = client.get("/v1/audit?resource=" + enc("collections/contacts/records/" + id), token).json().get("data");
    assertThat(audit).hasSize(2);
    assertThat(audit.get(0).get("pii_returned").asBoolean()).isTrue();
    assertThat(audit.get(0).get("purpose").asText()).isEqualTo("support ticket 7");
    assertThat(audit.get(0).get("request_id").asText()).isEqualTo(clear.header("X-Request-Id"));
    assertThat(audit.get(1).get("pii_returned").asBoolean()).isFalse();
  }

  @Test
  void idempotencyKeyReplaysTheFirstAnswerAndRefusesADifferentBody() {
    Response first = client.post("/v1/collections/contacts/records", token, Map.of("name", "Ann"), "Idempotency-Key", "k-1");
    Response again = client.post("/v1/collections/contacts/records", token, Map.of("name", "Ann"), "Idempotency-Key", "k-1");
    assertThat(again.status()).isEqualTo(201);
    assertThat(again.json()).isEqualTo(first.json());
    assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
    assertThat(count()).isEqualTo(1);
    Response other = client.post("/v1/collections/contacts/records", token, Map.of("name", "Bob"), "Idempotency-Key", "k-1");
    assertThat(other.status()).isEqualTo(422);
    assertThat(count()).isEqualTo(1);
  }

  @Test
  void cursorPaginationVisitsEveryRecordOnceInOrder() {
    for (int i = 0; i < 23; i++) {
      create(Map.of("name", "n" + i, "priority", i % 5));
    }
    List<String> seen = new ArrayList<>();
    String cursor = null;
    int pages = 0;
    do {
      Response page = client.get("/v1/collections/contacts/records?limit=5&order_by=-priority" + (cursor == null ? "" : "&cursor=" + cursor), token);
      assertThat(page.status()).as(page.toString()).isEqualTo(200);
      page.json().get("data").forEach(r -> seen.add(r.get("priority").asInt() + ":" + r.get("name").asText()));
      cursor = page.json().get("next_cursor").isNull() ? null : page.json().get("next_cursor").asText();
      pages++;
    } while (cursor != null);
    assertThat(pages).isEqualTo(5);
    assertThat(seen).hasSize(23).doesNotHaveDuplicates();
    List<Integer> priorities = seen.stream().map(s -> Integer.parseInt(s.split(":")[0])).toList();
    assertThat(priorities).isSortedAccordingTo((a, b) -> b - a);
  }

  @Test
  void filtersSelectTheMatchingRecords() {
    create(Map.of("name", "a", "priority", 1));
    create(Map.of("name", "b", "priority", 3));
    create(Map.of("name", "c", "priority", 5));
    Response r = client.get("/v1/collections/contacts/records?filter=" + enc("priority ge 3 and name ne \"c\" or name eq \"a\""), token);
    assertThat(r.json().get("data")).extracting(n -> n.get("name").asText()).containsExactly("a", "b");
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "name eq \"x\" or 1=1",
      "name eq \"x\"; DROP TABLE COLLECTIONS; --",
      "name eq \"' OR '1'='1\"",
      "name eq 'x' or 'a'='a'",
      "priority eq 1 --",
      "name eq \"x\" or priority gt 0 union select * from APPS"})
  void sqlInjectionInFiltersIsRefusedOrMatchesLiterally(String filter) {
    create(Map.of("name", "Ann", "priority", 1));
    Response r = client.get("/v1/collections/contacts/records?filter=" + enc(filter), token);
    if (r.status() == 200) {
      assertThat(r.json().get("data")).isEmpty();
    } else {
      assertThat(r.status()).isEqualTo(400);
      assertThat(r.header("Content-Type")).startsWith("application/problem+json");
      assertThat(r.json().get("detail").asText()).contains("position");
    }
    assertThat(count()).isEqualTo(1);
    assertThat(client.get("/v1/collections", token).json().get("data")).hasSize(1);
  }

  @ParameterizedTest
  @ValueSource(strings = {"nme eq \"x\"", "name eq", "name === \"x\"", "priority eq \"high\"", "(name eq \"x\"", "name eq \"x", "and name eq \"x\""})
  void invalidFiltersAre400NamingThePosition(String filter) {
    Response r = client.get("/v1/collections/contacts/records?filter=" + enc(filter), token);
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.json().get("type").asText()).endsWith("/invalid-filter");
    assertThat(r.json().get("detail").asText()).containsPattern("position \\d+");
  }

  @Test
  void collectionDefinitionsAreValidatedFieldByField() {
    Response r = client.post("/v1/collections", token, Map.of(
        "name", "Bad Name", "retention_days", -1, "subject_field", "nope", "shape", "round",
        "fields", List.of(Map.of("name", "id", "type", "string"), Map.of("name", "x", "type", "float", "classification", "secret"))));
    assertThat(r.status()).isEqualTo(422);
    assertThat(r.json().get("errors").fieldNames()).toIterable()
        .contains("name", "retention_days", "shape", "fields[0].name", "fields[1].type", "fields[1].classification");
    assertThat(client.post("/v1/collections", token, Map.of("name", "contacts", "fields", List.of(Map.of("name", "x", "type", "string")))).status())
        .isEqualTo(409);
  }

  @Test
  void unknownCollectionIs404() {
    assertThat(client.get("/v1/collections/nope/records", token).status()).isEqualTo(404);
    assertThat(client.post("/v1/collections/nope/records", token, object("a", 1)).status()).isEqualTo(404);
  }

  private int count() {
    return client.get("/v1/collections/contacts/records?limit=500", token).json().get("data").size();
  }

  static String enc(String s) {
    return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
  }
}
