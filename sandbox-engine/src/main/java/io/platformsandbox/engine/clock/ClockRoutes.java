package io.platformsandbox.engine.clock;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.platformsandbox.engine.api.ApiException;
import io.platformsandbox.engine.api.ApiRequest;
import io.platformsandbox.engine.api.ApiResponse;
import io.platformsandbox.engine.api.Route;
import io.platformsandbox.engine.json.Json;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** {@code GET /_sandbox/clock} and {@code POST /_sandbox/clock/advance {seconds}}. */
public final class ClockRoutes {
  private final SandboxClock clock;

  public ClockRoutes(SandboxClock clock) {
    this.clock = clock;
  }

  public List<Route> routes() {
    return List.of(
        Route.get("/_sandbox/clock").control().action("control.clock.get").handle(r -> ApiResponse.ok(json())),
        Route.post("/_sandbox/clock/advance").control().action("control.clock.advance").handle(this::advance));
  }

  private ApiResponse advance(ApiRequest request) {
    JsonNode seconds = request.jsonObject().get("seconds");
    if (seconds == null || !seconds.isNumber() || seconds.asDouble() <= 0 || seconds.asDouble() > 10L * 365 * 86400) {
      throw ApiException.invalidField("seconds", "must be a positive number of seconds (at most ten years)");
    }
    clock.advance(Duration.ofMillis(Math.round(seconds.asDouble() * 1000)));
    return ApiResponse.ok(json());
  }

  private ObjectNode json() {
    ObjectNode n = Json.object();
    n.put("now", clock.now().toString());
    n.put("real", Instant.now().toString());
    n.put("offset_seconds", clock.offset().toMillis() / 1000.0);
    return n;
  }
}
