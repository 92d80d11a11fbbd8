package io.platformsandbox.engine.plugins.marketplace;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.platformsandbox.engine.Engine;
import io.platformsandbox.engine.EngineConfig;
import io.platformsandbox.engine.plugins.bundles.PublisherKeys;
import io.platformsandbox.engine.plugins.bundles.VerifiedBundle;
import io.platformsandbox.engine.testsupport.BundleFixtures;
import io.platformsandbox.engine.testsupport.SandboxClient;
import io.platformsandbox.engine.testsupport.SandboxClient.Response;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code GET /v1/marketplace/plugins} on a real engine serving a real registry folder. */
class MarketplaceRoutesTest {
  @TempDir static Path work;
  private static Engine engine;
  private static SandboxClient client;
  private static Registry registry;
  private static PublisherKeys keys;
  private static String token;

  @BeforeAll
  static void anEngineServingARegistry() {
    keys = BundleFixtures.keys(work.resolve("keys"));
    registry = new Registry(work.resolve("registry"));
    engine = Engine.create(EngineConfig.ephemeral().withMockPort(-1).withMarketplaceDir(registry.dir())).start();
    client = new SandboxClient(engine.apiUrl());
    client.createTenant("acme");
    // a token with no scopes at all: the marketplace needs none
    token = client.token(client.createApp("acme", "no-scopes", List.of()));
  }

  @AfterAll
  static void stop() {
    engine.close();
  }

  @Test
  void publishedPluginsAreListedForATokenWithoutScopesWithTheirVersions() {
    VerifiedBundle first = BundleFixtures.bundle(work, keys, "a.listed", "1.0.0");
    registry.publish(first.file());
    registry.publish(BundleFixtures.bundle(work, keys, "a.listed", "1.1.0").file());

    Response r = client.get("/v1/marketplace/plugins", token);
    assertThat(r.status()).as(r.toString()).isEqualTo(200);
    JsonNode plugin = find(r.json().get("data"), "a.listed");
    assertThat(plugin.path("name").asText()).isEqualTo("CRM Sync");
    assertThat(plugin.path("publisher").asText()).isEqualTo("acme");
    assertThat(plugin.path("latest_version").asText()).isEqualTo("1.1.0");
    assertThat(plugin.path("publisher_key_sha256").asText()).isEqualTo(keys.fingerprint());
    assertThat(plugin.path("versions").findValuesAsText("version")).containsExactly("1.0.0", "1.1.0");
    assertThat(plugin.path("versions").get(0).path("sha256").asText()).isEqualTo(first.sha256());
    assertThat(plugin.path("versions").get(0).path("size").asLong()).isEqualTo(first.size());
    assertThat(r.json().has("next_cursor")).isTrue();
  }

  @Test
  void withoutATokenTheListIsRefusedWith401() {
    Response r = client.get("/v1/marketplace/plugins", null);
    assertThat(r.status()).isEqualTo(401);
    assertThat(r.header("WWW-Authenticate")).startsWith("Bearer");
  }

  @Test
  void theListIsPaginatedByIdWithACursor() {
    for (String id : List.of("p.one", "p.three", "p.two")) {
      registry.publish(BundleFixtures.bundle(work, keys, id, "1.0.0").file());
    }
    List<String> ids = new java.util.ArrayList<>();
    String cursor = null;
    int pages = 0;
    do {
      Response r = client.get("/v1/marketplace/plugins?limit=2" + (cursor == null ? "" : "&cursor=" + cursor), token);
      assertThat(r.status()).as(r.toString()).isEqualTo(200);
      assertThat(r.json().get("data").size()).isLessThanOrEqualTo(2);
      r.json().get("data").forEach(p -> ids.add(p.get("id").asText()));
      cursor = r.json().get("next_cursor").isNull() ? null : r.json().get("next_cursor").asText();
      pages++;
    } while (cursor != null && pages < 10);
    assertThat(ids).isSorted().contains("p.one", "p.three", "p.two").doesNotHaveDuplicates();
  }

  @Test
  void anInMemoryEngineWithoutARegistryServesAnEmptyMarketplace() {
    try (Engine bare = Engine.create(EngineConfig.ephemeral().withMockPort(-1)).start()) {
      SandboxClient c = new SandboxClient(bare.apiUrl());
      Response r = c.get("/v1/marketplace/plugins", c.tenantWithAllScopes("acme"));
      assertThat(r.status()).isEqualTo(200);
      assertThat(r.json().get("data")).isEmpty();
      assertThat(r.json().get("next_cursor").isNull()).isTrue();
    }
  }

  private static JsonNode find(JsonNode data, String id) {
    for (JsonNode p : data) {
      if (p.path("id").asText().equals(id)) {
        return p;
      }
    }
    throw new AssertionError(id + " is not listed: " + data);
  }
}
