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
 * Serves the OpenAPI 3.1 documents of Platform API v1 ({@code GET /v1/openapi.json}) and of the
 * control API ({@code GET /_sandbox/openapi.json}). The YAML files in the repo are the source of
 * truth; tests keep each of them and the route table in agreement both ways.
 */
public final class OpenApiRoutes {
  public static final String RESOURCE = "/io/platformsandbox/engine/openapi/platform-api-v1.yaml";
  public static final String CONTROL_RESOURCE = "/io/platformsandbox/engine/openapi/control-api.yaml";
  private final byte[] json;
  private final byte[] controlJson;

  public OpenApiRoutes() {
    this.json = Json.bytes(document());
    this.controlJson = Json.bytes(controlDocument());
  }

  /** The Platform API document as parsed from the YAML resource. */
  public static JsonNode document() {
    return read(RESOURCE);
  }

  /** The control API document as parsed from the YAML resource. */
  public static JsonNode controlDocument() {
    return read(CONTROL_RESOURCE);
  }

  private static JsonNode read(String resource) {
    try (InputStream in = OpenApiRoutes.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + resource);
      }
      return Json.YAML.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public List<Route> routes() {
    return List.of(
        Route.get("/v1/openapi.json").open().action("openapi.get").handle(r -> ApiResponse.bytes(200, ApiResponse.JSON, json)),
        Route.get("/_sandbox/openapi.json").control().action("control.openapi").handle(r -> ApiResponse.bytes(200, ApiResponse.JSON, controlJson)));
  }
}
