package io.platformsandbox.engine.snapshots;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.platformsandbox.engine.api.ApiException;
import io.platformsandbox.engine.api.ApiRequest;
import io.platformsandbox.engine.api.ApiResponse;
import io.platformsandbox.engine.api.Body;
import io.platformsandbox.engine.api.Pages;
import io.platformsandbox.engine.api.Route;
import io.platformsandbox.engine.json.Json;
import java.util.List;

/** Snapshots, export and import in the control API. */
public final class SnapshotRoutes {
  private final Snapshots snapshots;

  public SnapshotRoutes(Snapshots snapshots) {
    this.snapshots = snapshots;
  }

  public List<Route> routes() {
    return List.of(
        Route.post("/_sandbox/snapshots").control().action("control.snapshots.create").handle(this::create),
        Route.get("/_sandbox/snapshots").control().action("control.snapshots.list").handle(this::list),
        Route.post("/_sandbox/snapshots/{name}/restore").control().body(Body.NONE).action("control.snapshots.restore").handle(this::restore),
        Route.delete("/_sandbox/snapshots/{name}").control().action("control.snapshots.delete").handle(this::delete),
        Route.get("/_sandbox/export").control().action("control.export").handle(this::export),
        Route.post("/_sandbox/import").control().body(Body.ARCHIVE).action("control.import").handle(this::importArchive));
  }

  private ApiResponse create(ApiRequest request) {
    var name = request.jsonObject().get("name");
    Snapshots.Info info = snapshots.create(name == null || !name.isTextual() ? null : name.asText());
    return ApiResponse.created(json(info)).withHeader("Location", "/_sandbox/snapshots/" + info.name());
  }

  private ApiResponse list(ApiRequest request) {
    return ApiResponse.ok(Pages.page(snapshots.list().stream().map(SnapshotRoutes::json).toList(), null));
  }

  private ApiResponse restore(ApiRequest request) {
    snapshots.restore(request.pathParam("name"));
    return ApiResponse.ok(Json.object().put("restored", request.pathParam("name")));
  }

  private ApiResponse delete(ApiRequest request) {
    snapshots.delete(request.pathParam("name"));
    return ApiResponse.noContent();
  }

  private ApiResponse export(ApiRequest request) {
    return ApiResponse.bytes(200, "application/zip", snapshots.export())
        .withHeader("Content-Disposition", "attachment; filename=\"sandbox-export.zip\"");
  }

  private ApiResponse importArchive(ApiRequest request) {
    if (request.body().length == 0) {
      throw ApiException.badRequest("The body is empty; send a file made by GET /_sandbox/export.");
    }
    snapshots.importArchive(request.body());
    return ApiResponse.ok(Json.object().put("imported", true));
  }

  private static ObjectNode json(Snapshots.Info info) {
    ObjectNode n = Json.object();
    n.put("name", info.name());
    n.put("size", info.size());
    n.put("created_at", info.createdAt() == null ? null : info.createdAt().toString());
    return n;
  }
}
