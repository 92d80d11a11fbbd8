package io.platformsandbox.engine.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.platformsandbox.engine.Engine;
import io.platformsandbox.engine.EngineConfig;
import io.platformsandbox.engine.plugins.marketplace.Registry;
import io.platformsandbox.engine.testsupport.BundleFixtures;
import io.platformsandbox.engine.testsupport.SandboxClient;
import io.platformsandbox.engine.testsupport.SandboxClient.Response;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What {@code GET /v1/marketplace/plugins} answers is what the OpenAPI document says, member for member. */
class MarketplaceOpenApiTest {
  @TempDir Path work;

  @Test
  void theMarketplaceListMatchesItsDocumentedSchema() {
    Registry registry = new Registry(work.resolve("registry"));
    var keys = BundleFixtures.keys(work.resolve("keys"));
    registry.publish(BundleFixtures.bundle(work, keys, "1.4.0").file());
    registry.publish(BundleFixtures.bundle(work, keys, "2.0.0-rc.1").file());
    try (Engine engine = Engine.create(EngineConfig.ephemeral().withMockPort(-1).withMarketplaceDir(registry.dir())).start()) {
      SandboxClient client = new SandboxClient(engine.apiUrl());
      client.createTenant("acme");
      Response r = client.get("/v1/marketplace/plugins", client.token(client.createApp("acme", "reader", List.of())));
      assertThat(r.status()).as(r.toString()).isEqualTo(200);
      JsonNode doc = OpenApiRoutes.document();
      JsonNode schema =
          doc.at("/paths/~1v1~1marketplace~1plugins/get/responses/200/content/application~1json/schema");
      assertThat(schema.isMissingNode()).isFalse();
      assertThat(new SchemaCheck(doc, true).problems(schema, r.json())).isEmpty();
      assertThat(r.json().get("data")).hasSize(1);
    }
  }
}
