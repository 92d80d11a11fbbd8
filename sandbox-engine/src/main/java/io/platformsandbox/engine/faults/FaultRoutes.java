package io.platformsandbox.engine.faults;

import io.platformsandbox.engine.api.ApiException;
import io.platformsandbox.engine.api.ApiRequest;
import io.platformsandbox.engine.api.ApiResponse;
import io.platformsandbox.engine.api.Pages;
import io.platformsandbox.engine.api.Route;
import java.util.List;

/** {@code /_sandbox/faults}: add, list and remove fault rules. */
public final class FaultRoutes {
  private final FaultRules rules;

  public FaultRoutes(FaultRules rules) {
    this.rules = rules;
  }

  public List<Route> routes() {
    return List.of(
        Route.post("/_sandbox/faults").control().action("control.faults.create").handle(this::create),
        Route.get("/_sandbox/faults").control().action("control.faults.list").handle(r -> ApiResponse.ok(Pages.page(rules.list(), null))),
        Route.delete("/_sandbox/faults").control().action("control.faults.clear").handle(this::clear),
        Route.delete("/_sandbox/faults/{fault}").control().action("control.faults.delete").handle(this::delete));
  }

  private ApiResponse create(ApiRequest request) {
    FaultRule rule = rules.add(request.jsonObject());
    return ApiResponse.created(FaultRules.json(rule, rule.count() == null ? -1 : rule.count()))
        .withHeader("Location", "/_sandbox/faults/" + rule.id());
  }

  private ApiResponse clear(ApiRequest request) {
    rules.clear();
    return ApiResponse.noContent();
  }

  private ApiResponse delete(ApiRequest request) {
    String id = request.pathParam("fault");
    if (!rules.remove(id)) {
      throw ApiException.notFound("No fault rule '" + id + "'.");
    }
    return ApiResponse.noContent();
  }
}
