package io.platformsandbox.engine.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import io.platformsandbox.engine.api.ApiResponse;
import io.platformsandbox.engine.api.Route;
import io.platformsandbox.engine.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * Serves the OpenAPI 3.1 document of Platform API v1. The YAML file in the repo is the source of
 * truth; a test keeps it and the route table in agreement both ways.
 */
public final class OpenApiRoutes {
  public static final String RESOURCE = "/io/platformsandbox/engine/openapi/platform-api-v1.yaml";
  private final byte[] json;

  public OpenApiRoutes() {
    this.json = Json.bytes(document());
  }

  /** The document as parsed from the YAML resource. */
  public static JsonNode document() {
    try (InputStream in = OpenApiRoutes.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + RESOURCE);
      }
      return Json.YAML.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public List<Route> routes() {
    return List.of(
        Route.get("/v1/openapi.json").open().action("openapi.get").handle(r -> ApiResponse.bytes(200, ApiResponse.JSON, json)));
  }
}
