package io.platformsandbox.engine.files;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.platformsandbox.engine.api.ApiException;
import io.platformsandbox.engine.api.ApiRequest;
import io.platformsandbox.engine.api.ApiResponse;
import io.platformsandbox.engine.api.Body;
import io.platformsandbox.engine.api.Pages;
import io.platformsandbox.engine.api.Route;
import io.platformsandbox.engine.api.Scope;
import io.platformsandbox.engine.json.Json;
import java.util.List;

/** The files endpoints of Platform API v1. */
public final class FileRoutes {
  private static final String DEFAULT_TYPE = "application/octet-stream";
  private final FileStore store;

  public FileRoutes(FileStore store) {
    this.store = store;
  }

  public List<Route> routes() {
    return List.of(
        Route.get("/v1/files").scope(Scope.FILES_READ).action("files.list").handle(this::list),
        Route.put("/v1/files/{path+}").scope(Scope.FILES_WRITE).body(Body.RAW).action("files.put").handle(this::put),
        Route.get("/v1/files/{path+}").scope(Scope.FILES_READ).action("files.get").handle(this::get),
        Route.head("/v1/files/{path+}").scope(Scope.FILES_READ).action("files.head").handle(this::get),
        Route.delete("/v1/files/{path+}").scope(Scope.FILES_WRITE).action("files.delete").handle(this::delete));
  }

  private ApiResponse put(ApiRequest request) {
    String path = FilePaths.check(request.pathParam("path"));
    String type = request.header("Content-Type").filter(t -> !t.isBlank()).orElse(DEFAULT_TYPE);
    if (type.length() > 200) {
      throw ApiException.badRequest("The Content-Type header is longer than 200 characters.");
    }
    FileStore.Written written = store.put(request.tenant(), path, request.body(), type);
    return ApiResponse.json(written.created() ? 201 : 200, json(written.meta()))
        .withHeader("ETag", "\"" + written.meta().sha256() + "\"")
        .withHeader("Location", "/v1/files/" + path);
  }

  private ApiResponse get(ApiRequest request) {
    String path = FilePaths.check(request.pathParam("path"));
    FileMeta meta =
        store.meta(request.tenant(), path).orElseThrow(() -> ApiException.notFound("No file '" + path + "'."));
    byte[] content =
        store.content(meta).orElseThrow(() -> new IllegalStateException("body of " + path + " is missing"));
    return ApiResponse.bytes(200, meta.contentType(), content)
        .withHeader("ETag", "\"" + meta.sha256() + "\"")
        .withHeader("Last-Modified", java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME.format(meta.updatedAt().atOffset(java.time.ZoneOffset.UTC)));
  }

  private ApiResponse delete(ApiRequest request) {
    String path = FilePaths.check(request.pathParam("path"));
    store.delete(request.tenant(), path);
    return ApiResponse.noContent();
  }

  private ApiResponse list(ApiRequest request) {
    int limit = Pages.limit(request);
    String prefix = request.query("prefix").orElse("");
    JsonNode cursor = Pages.cursor(request);
    if (cursor != null && !cursor.isTextual()) {
      throw ApiException.badRequest("invalid-cursor", "Invalid cursor", "The cursor is not one this API returned.");
    }
    List<FileMeta> files = store.list(request.tenant(), prefix, cursor == null ? null : cursor.asText(), limit + 1);
    boolean more = files.size() > limit;
    List<ObjectNode> data = files.stream().limit(limit).map(FileRoutes::json).toList();
    return ApiResponse.ok(Pages.page(data, more ? TextNode.valueOf(files.get(limit - 1).path()) : null));
  }

  static ObjectNode json(FileMeta meta) {
    ObjectNode node = Json.object();
    node.put("path", meta.path());
    node.put("size", meta.size());
    node.put("sha256", meta.sha256());
    node.put("content_type", meta.contentType());
    node.put("created_at", meta.createdAt().toString());
    node.put("updated_at", meta.updatedAt().toString());
    return node;
  }
}
