package io.platformsandbox.engine.records;

import static org.assertj.core.api.Assertions.assertThat;

import io.platformsandbox.engine.Engine;
import io.platformsandbox.engine.EngineConfig;
import io.platformsandbox.engine.testsupport.AllScopes;
import io.platformsandbox.engine.testsupport.SandboxClient;
import io.platformsandbox.engine.testsupport.SandboxClient.Response;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** 100 concurrent clients, mixed reads and writes, for a bounded time: no 5xx, no lost write. */
class MixedLoadTest {
  @Test
  void hundredConcurrentClientsSeeNo5xxAndLoseNoWrite(@TempDir Path workspace) throws Exception {
    // File-backed, so that the durable write path is under load too.
    try (Engine engine = Engine.create(EngineConfig.defaults().withWorkspace(workspace).withPort(0).withMockPort(-1)).start()) {
      run(new SandboxClient(engine.apiUrl()));
    }
  }

  private void run(SandboxClient client) throws Exception {
    client.post("/_sandbox/tenants", null, Map.of("id", "load", "rate_limit", Map.of("per_second", 0)));
    String token = client.token(client.createApp("load", "load", AllScopes.WIRE));
    client.post("/v1/collections", token, Map.of("name", "items", "fields",
        List.of(Map.of("name", "n", "type", "integer", "indexed", true), Map.of("name", "who", "type", "string"))));

    Set<String> written = ConcurrentHashMap.newKeySet();
    AtomicInteger serverErrors = new AtomicInteger();
    AtomicInteger reads = new AtomicInteger();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(4);
    ExecutorService pool = Executors.newFixedThreadPool(100);
    try {
      List<Future<?>> clients = new java.util.ArrayList<>();
      for (int c = 0; c < 100; c++) {
        final int who = c;
        clients.add(pool.submit(() -> {
          int i = 0;
          while (System.nanoTime() < deadline && i < 200) {
            Response r;
            if (i % 3 == 0) {
              r = client.post("/v1/collections/items/records", token, Map.of("n", i, "who", "c" + who));
              if (r.status() == 201) {
                written.add(r.json().get("id").asText());
              }
            } else if (i % 3 == 1 && !written.isEmpty()) {
              r = client.get("/v1/collections/items/records/" + written.iterator().next(), token);
              reads.incrementAndGet();
            } else {
              r = client.get("/v1/collections/items/records?limit=10&filter=n%20ge%20" + (i % 7), token);
              reads.incrementAndGet();
            }
            if (r.status() >= 500) {
              serverErrors.incrementAndGet();
            }
            i++;
          }
          return null;
        }));
      }
      for (Future<?> f : clients) {
        f.get(60, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(serverErrors).hasValue(0);
    assertThat(written).isNotEmpty();
    assertThat(reads.get()).isPositive();
    Set<String> stored = ConcurrentHashMap.newKeySet();
    String cursor = null;
    do {
      Response page = client.get("/v1/collections/items/records?limit=500" + (cursor == null ? "" : "&cursor=" + cursor), token);
      page.json().get("data").forEach(r -> stored.add(r.get("id").asText()));
      cursor = page.json().get("next_cursor").isNull() ? null : page.json().get("next_cursor").asText();
    } while (cursor != null);
    assertThat(stored).containsAll(written).hasSameSizeAs(written);
  }
}
