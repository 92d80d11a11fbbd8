package io.platformsandbox.engine.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.platformsandbox.engine.api.Scope;
import io.platformsandbox.engine.json.Json;
import io.platformsandbox.engine.testsupport.AllScopes;
import io.platformsandbox.engine.testsupport.RunningEngine;
import io.platformsandbox.engine.testsupport.SandboxClient;
import io.platformsandbox.engine.testsupport.SandboxClient.Response;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class EventsAcceptanceTest {
  @RegisterExtension static RunningEngine engine = new RunningEngine();
  private SandboxClient client;
  private String token;

  @BeforeEach
  void setUp() {
    client = engine.client();
    client.post("/_sandbox/tenants", null, Map.of("id", "acme", "rate_limit", Map.of("per_second", 0)));
    token = client.token(client.createApp("acme", "full", AllScopes.WIRE));
    assertThat(client.post("/v1/topics", token, Map.of("name", "orders")).status()).isEqualTo(201);
  }

  @Test
  void publishOneOrABatchAndConsumeInOrder() {
    Response one = client.post("/v1/topics/orders/events", token, Map.of("type", "order.placed", "data", Map.of("n", 1)));
    assertThat(one.status()).isEqualTo(202);
    assertThat(one.json().get("offsets").get(0).asLong()).isEqualTo(1);
    Response batch = client.post("/v1/topics/orders/events", token, Map.of("events", List.of(
        Map.of("type", "order.placed", "data", Map.of("n", 2)), Map.of("type", "order.paid", "subject", "s-9", "data", Map.of("n", 3)))));
    assertThat(batch.json().get("offsets")).extracting(JsonNode::asLong).containsExactly(2L, 3L);
    Response page = client.get("/v1/topics/orders/events?after=1&limit=10", token);
    assertThat(page.json().get("data")).extracting(e -> e.get("data").get("n").asInt()).containsExactly(2, 3);
    assertThat(page.json().get("data").get(1).get("subject").asText()).isEqualTo("s-9");
    assertThat(page.json().get("last_offset").asLong()).isEqualTo(3);
    assertThat(client.get("/v1/topics/orders/events?after=3", token).json().get("data")).isEmpty();
  }

  @Test
  void badEventsAreRefusedWholeAndTheTopicMustExist() {
    Response bad = client.post("/v1/topics/orders/events", token, Map.of("events", List.of(Map.of("type", "ok.type"), Map.of("data", 1))));
    assertThat(bad.status()).isEqualTo(422);
    assertThat(bad.json().get("errors").has("events[1].type")).isTrue();
    assertThat(client.get("/v1/topics/orders/events", token).json().get("data")).isEmpty();
    assertThat(client.post("/v1/topics/nope/events", token, Map.of("type", "x.y")).status()).isEqualTo(404);
    assertThat(client.post("/v1/topics/platform/events", token, Map.of("type", "record.created")).status()).isEqualTo(403);
    assertThat(client.post("/v1/topics", token, Map.of("name", "orders")).status()).isEqualTo(409);
  }

  @Test
  void longPollReturnsAsSoonAsAnEventArrivesNotWhenTheWaitRunsOut() throws Exception {
    CompletableFuture<Response> poll = CompletableFuture.supplyAsync(() -> client.get("/v1/topics/orders/events?after=0&wait=20", token));
    Thread.sleep(300);
    assertThat(poll).isNotDone();
    long published = System.nanoTime();
    client.post("/v1/topics/orders/events", token, Map.of("type", "order.placed"));
    Response r = poll.get(10, TimeUnit.SECONDS);
    assertThat(Duration.ofNanos(System.nanoTime() - published)).isLessThan(Duration.ofSeconds(5));
    assertThat(r.json().get("data")).hasSize(1);
  }

  @Test
  void recordAndFileChangesEmitPlatformEventsMaskedForReadersWithoutPiiRead() {
    client.post("/v1/collections", token, Map.of("name", "contacts", "subject_field", "subject_id", "fields", List.of(
        Map.of("name", "email", "type", "string", "classification", "pii"), Map.of("name", "subject_id", "type", "string"))));
    String id = client.post("/v1/collections/contacts/records", token, Map.of("email", "a@b.c", "subject_id", "s-1")).json().get("id").asText();
    client.patch("/v1/collections/contacts/records/" + id, token, Map.of("email", "z@b.c"));
    client.delete("/v1/collections/contacts/records/" + id, token);
    client.send("PUT", "/v1/files/a.txt", token, "text/plain", "x".getBytes(StandardCharsets.UTF_8));
    JsonNode events = client.get("/v1/topics/platform/events", token).json().get("data");
    assertThat(events).extracting(e -> e.get("type").asText())
        .containsExactly("record.created", "record.updated", "record.deleted", "file.created");
    assertThat(events.get(0).get("subject").asText()).isEqualTo("s-1");
    assertThat(events.get(1).get("data").get("record").get("email").asText()).isEqualTo("z@b.c");
    String noPii = client.token(client.createApp("acme", "no-pii", AllScopes.except(Scope.PII_READ)));
    JsonNode masked = client.get("/v1/topics/platform/events", noPii).json().get("data");
    assertThat(masked.get(0).get("data").get("record").get("email").asText()).isEqualTo("***");
    assertThat(masked.toString()).doesNotContain("a@b.c").doesNotContain("z@b.c");
  }

  @Test
  void aFailedWriteEmitsNoEvent() {
    client.post("/v1/collections", token, Map.of("name", "c", "fields", List.of(Map.of("name", "n", "type", "integer", "required", true))));
    assertThat(client.post("/v1/collections/c/records", token, Map.of("n", "x")).status()).isEqualTo(422);
    String id = client.post("/v1/collections/c/records", token, Map.of("n", 1)).json().get("id").asText();
    assertThat(client.patch("/v1/collections/c/records/" + id, token, Map.of("n", 2), "If-Match", "\"7\"").status()).isEqualTo(412);
    JsonNode events = client.get("/v1/topics/platform/events", token).json().get("data");
    assertThat(events).extracting(e -> e.get("type").asText()).containsExactly("record.created");
  }

  @Test
  void concurrentPublishersNeverMakeAConsumerMissOrReorderEvents() throws Exception {
    int publishers = 6;
    int each = 150;
    ExecutorService pool = Executors.newFixedThreadPool(publishers + 1);
    try {
      Future<List<JsonNode>> consumer = pool.submit(() -> {
        List<JsonNode> seen = new ArrayList<>();
        long after = 0;
        while (seen.size() < publishers * each) {
          JsonNode page = client.get("/v1/topics/orders/events?after=" + after + "&limit=37&wait=5", token).json();
          for (JsonNode e : page.get("data")) {
            seen.add(e);
          }
          after = page.get("last_offset").asLong();
        }
        return seen;
      });
      List<Future<?>> writers = new ArrayList<>();
      for (int p = 0; p < publishers; p++) {
        final int publisher = p;
        writers.add(pool.submit(() -> {
          for (int i = 0; i < each; i++) {
            Response r = client.post("/v1/topics/orders/events", token, Map.of("type", "seq", "data", Map.of("p", publisher, "i", i)));
            assertThat(r.status()).isEqualTo(202);
          }
          return null;
        }));
      }
      for (Future<?> w : writers) {
        w.get(60, TimeUnit.SECONDS);
      }
      List<JsonNode> seen = consumer.get(60, TimeUnit.SECONDS);
      assertThat(seen).hasSize(publishers * each);
      Map<Integer, Integer> lastPerPublisher = new HashMap<>();
      for (int k = 0; k < seen.size(); k++) {
        JsonNode e = seen.get(k);
        assertThat(e.get("offset").asLong()).isEqualTo(k + 1L);
        int p = e.get("data").get("p").asInt();
        int i = e.get("data").get("i").asInt();
        assertThat(i).as("publisher " + p + " order").isEqualTo(lastPerPublisher.getOrDefault(p, -1) + 1);
        lastPerPublisher.put(p, i);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void serverSentEventsStreamLiveAndResumeFromLastEventId() throws Exception {
    for (int i = 1; i <= 3; i++) {
      client.post("/v1/topics/orders/events", token, Map.of("type", "order.placed", "data", Map.of("n", i)));
    }
    HttpRequest request = HttpRequest.newBuilder(URI.create(client.baseUrl() + "/v1/topics/orders/stream"))
        .header("Authorization", "Bearer " + token).header("Last-Event-ID", "1").build();
    HttpResponse<java.io.InputStream> response =
        HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofInputStream());
    assertThat(response.headers().firstValue("Content-Type")).hasValue("text/event-stream");
    try (BufferedReader reader = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
      CompletableFuture.runAsync(() -> client.post("/v1/topics/orders/events", token, Map.of("type", "order.live", "data", Map.of("n", 4))));
      List<String> ids = new ArrayList<>();
      List<Integer> values = new ArrayList<>();
      String line;
      while (values.size() < 3 && (line = reader.readLine()) != null) {
        if (line.startsWith("id: ")) {
          ids.add(line.substring(4));
        } else if (line.startsWith("data: ")) {
          values.add(Json.parseTrusted(line.substring(6)).get("data").get("n").asInt());
        }
      }
      assertThat(ids).containsExactly("2", "3", "4");
      assertThat(values).containsExactly(2, 3, 4);
    }
  }
}
