package io.platformsandbox.engine.records;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.platformsandbox.engine.api.ApiException;
import io.platformsandbox.engine.api.ApiRequest;
import io.platformsandbox.engine.api.ApiResponse;
import io.platformsandbox.engine.api.Body;
import io.platformsandbox.engine.api.Route;
import io.platformsandbox.engine.json.Json;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

/** {@code POST /_sandbox/fixtures?tenant=T}: load seed data, as YAML or JSON. */
public final class FixtureRoutes {
  private final Fixtures fixtures;
  private final Predicate<String> tenantExists;

  public FixtureRoutes(Fixtures fixtures, Predicate<String> tenantExists) {
    this.fixtures = fixtures;
    this.tenantExists = tenantExists;
  }

  public List<Route> routes() {
    return List.of(Route.post("/_sandbox/fixtures").control().body(Body.RAW).action("control.fixtures").handle(this::load));
  }

  private ApiResponse load(ApiRequest request) {
    String tenant = request.query("tenant").orElseThrow(() -> ApiException.badRequest("Query parameter 'tenant' is required."));
    if (!tenantExists.test(tenant)) {
      throw ApiException.notFound("No tenant '" + tenant + "'.");
    }
    String type = request.header("Content-Type").orElse("application/json").toLowerCase(Locale.ROOT);
    JsonNode doc;
    try {
      doc = type.contains("yaml") ? Json.YAML.readTree(request.body()) : Json.MAPPER.readTree(request.body());
    } catch (IOException e) {
      throw ApiException.badRequest(
          "malformed-fixtures", "Malformed fixtures", "The fixtures are not valid " + (type.contains("yaml") ? "YAML" : "JSON") + ": " + e.getMessage().lines().findFirst().orElse(""));
    }
    if (doc == null || doc.isMissingNode()) {
      throw ApiException.badRequest("malformed-fixtures", "Malformed fixtures", "The fixtures document is empty.");
    }
    Fixtures.Loaded loaded = fixtures.load(tenant, doc);
    ObjectNode out = Json.object();
    out.put("collections_created", loaded.collectionsCreated());
    out.put("collections_existing", loaded.collectionsExisting());
    out.put("records_created", loaded.recordsCreated());
    return ApiResponse.created(out);
  }
}
