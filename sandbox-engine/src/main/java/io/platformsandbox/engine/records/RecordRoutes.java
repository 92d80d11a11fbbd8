package io.platformsandbox.engine.records;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.platformsandbox.engine.api.ApiException;
import io.platformsandbox.engine.api.ApiRequest;
import io.platformsandbox.engine.api.ApiResponse;
import io.platformsandbox.engine.api.Pages;
import io.platformsandbox.engine.api.Principal;
import io.platformsandbox.engine.api.Problem;
import io.platformsandbox.engine.api.Route;
import io.platformsandbox.engine.api.Scope;
import io.platformsandbox.engine.json.Json;
import io.platformsandbox.engine.records.filter.CompiledFilter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The collections and records endpoints of Platform API v1. */
public final class RecordRoutes {
  private static final String MASK = "***";
  private final RecordStore store;

  public RecordRoutes(RecordStore store) {
    this.store = store;
  }

  public List<Route> routes() {
    return List.of(
        Route.post("/v1/collections").scope(Scope.RECORDS_WRITE).action("collections.create").idempotent().handle(this::createCollection),
        Route.get("/v1/collections").scope(Scope.RECORDS_READ).action("collections.list").handle(this::listCollections),
        Route.get("/v1/collections/{collection}").scope(Scope.RECORDS_READ).action("collections.get").handle(this::getCollection),
        Route.post("/v1/collections/{collection}/records").scope(Scope.RECORDS_WRITE).action("records.create").idempotent().handle(this::create),
        Route.get("/v1/collections/{collection}/records").scope(Scope.RECORDS_READ).action("records.list").handle(this::list),
        Route.get("/v1/collections/{collection}/records/{id}").scope(Scope.RECORDS_READ).action("records.get").handle(this::get),
        Route.patch("/v1/collections/{collection}/records/{id}").scope(Scope.RECORDS_WRITE).action("records.update").handle(this::patch),
        Route.delete("/v1/collections/{collection}/records/{id}").scope(Scope.RECORDS_WRITE).action("records.delete").handle(this::delete));
  }

  private ApiResponse createCollection(ApiRequest request) {
    CollectionDef def = store.createCollection(request.tenant(), request.jsonObject());
    return ApiResponse.created(CollectionSchemas.toJson(def))
        .withHeader("Location", "/v1/collections/" + def.name());
  }

  private ApiResponse listCollections(ApiRequest request) {
    int limit = Pages.limit(request);
    JsonNode cursor = Pages.cursor(request);
    String after = cursor == null ? "" : cursor.asText();
    List<ObjectNode> all =
        store.collections(request.tenant()).stream()
            .filter(c -> c.name().compareTo(after) > 0)
            .map(CollectionSchemas::toJson)
            .toList();
    List<ObjectNode> page = all.size() > limit ? all.subList(0, limit) : all;
    JsonNode next = all.size() > limit ? Json.MAPPER.valueToTree(page.get(limit - 1).get("name").asText()) : null;
    return ApiResponse.ok(Pages.page(page, next));
  }

  private ApiResponse getCollection(ApiRequest request) {
    return ApiResponse.ok(CollectionSchemas.toJson(collection(request)));
  }

  private ApiResponse create(ApiRequest request) {
    CollectionDef def = collection(request);
    RecordStore.StoredRecord record = store.create(def, request.jsonObject());
    return respond(201, def, record, request.principal())
        .withHeader("Location", "/v1/collections/" + def.name() + "/records/" + record.id());
  }

  private ApiResponse get(ApiRequest request) {
    CollectionDef def = collection(request);
    String id = request.pathParam("id");
    RecordStore.StoredRecord record =
        store.get(def, id).orElseThrow(() -> ApiException.notFound("No record '" + id + "' in collection '" + def.name() + "'."));
    return respond(200, def, record, request.principal());
  }

  private ApiResponse patch(ApiRequest request) {
    CollectionDef def = collection(request);
    ObjectNode body = request.jsonObject();
    RecordStore.StoredRecord record = store.patch(def, request.pathParam("id"), body, ifMatch(request));
    return respond(200, def, record, request.principal());
  }

  private ApiResponse delete(ApiRequest request) {
    CollectionDef def = collection(request);
    store.delete(def, request.pathParam("id"), ifMatch(request));
    return ApiResponse.noContent();
  }

  private ApiResponse list(ApiRequest request) {
    CollectionDef def = collection(request);
    Principal who = request.principal();
    int limit = Pages.limit(request);
    String filterText = request.query("filter").orElse("");
    CompiledFilter filter = filterText.isBlank() ? null : RecordStore.compileFilter(def, filterText);
    if (filter != null) {
      for (String field : filter.fields()) {
        requirePiiReadToUse(def, field, who, "filter on");
      }
    }
    RecordStore.Order order = order(def, request.query("order_by").orElse(""));
    if (order.field() != null) {
      requirePiiReadToUse(def, order.field(), who, "sort by");
    }
    JsonNode cursor = Pages.cursor(request);
    String filterKey = Integer.toHexString(filterText.trim().hashCode());
    if (cursor != null
        && (!cursor.isObject()
            || !order.spec().equals(cursor.path("o").asText())
            || !filterKey.equals(cursor.path("f").asText()))) {
      throw ApiException.badRequest(
          "invalid-cursor",
          "Invalid cursor",
          "The cursor belongs to another query: send the same filter and order_by as for the first page.");
    }
    RecordStore.Page page = store.query(def, filter, order, cursor, limit);
    if (page.nextPosition() instanceof ObjectNode next) {
      next.put("f", filterKey);
    }
    List<ObjectNode> data = new ArrayList<>(page.records().size());
    boolean pii = false;
    for (RecordStore.StoredRecord r : page.records()) {
      View view = view(def, r, who);
      data.add(view.body());
      pii |= view.piiReturned();
    }
    return ApiResponse.ok(Pages.page(data, page.nextPosition())).withPiiReturned(pii);
  }

  private static RecordStore.Order order(CollectionDef def, String spec) {
    String s = spec.trim();
    if (s.isEmpty()) {
      return RecordStore.Order.INSERTION;
    }
    boolean desc = false;
    String field = s;
    if (s.startsWith("-")) {
      desc = true;
      field = s.substring(1);
    } else if (s.contains(" ")) {
      String[] parts = s.split("\\s+");
      if (parts.length != 2 || !(parts[1].equals("asc") || parts[1].equals("desc"))) {
        throw ApiException.badRequest(
            "invalid-order", "Invalid order_by", "order_by must be 'field', '-field', 'field asc' or 'field desc'.");
      }
      field = parts[0];
      desc = parts[1].equals("desc");
    }
    final String name = field;
    var resolved = RecordStore.resolver(def).resolve(name);
    if (resolved.isEmpty() || resolved.get().type() == FieldType.JSON) {
      throw ApiException.badRequest(
          "invalid-order",
          "Invalid order_by",
          "Cannot order by '" + name + "': not a sortable field of collection '" + def.name() + "'.");
    }
    return new RecordStore.Order(name, desc);
  }

  private static void requirePiiReadToUse(CollectionDef def, String field, Principal who, String verb) {
    boolean sensitive = def.field(field).map(f -> f.classification().isSensitive()).orElse(false);
    if (sensitive && !who.has(Scope.PII_READ)) {
      throw new ApiException(
          new Problem(
              403,
              "insufficient-scope",
              "Insufficient scope",
              "To " + verb + " the " + def.field(field).get().classification().wireName()
                  + " field '" + field + "' the token needs the scope 'pii:read'.",
              Map.of(),
              Map.of("required_scope", Scope.PII_READ.wire())));
    }
  }

  private CollectionDef collection(ApiRequest request) {
    return store.requireCollection(request.tenant(), request.pathParam("collection"));
  }

  private static Long ifMatch(ApiRequest request) {
    String header = request.header("If-Match").orElse(null);
    if (header == null || header.trim().equals("*")) {
      return null;
    }
    String v = header.trim();
    if (v.startsWith("W/")) {
      v = v.substring(2);
    }
    if (v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")) {
      v = v.substring(1, v.length() - 1);
    }
    try {
      return Long.parseLong(v);
    } catch (NumberFormatException e) {
      throw ApiException.preconditionFailed(
          "If-Match " + header + " matches no version of this record; send the ETag you received.");
    }
  }

  private static ApiResponse respond(int status, CollectionDef def, RecordStore.StoredRecord r, Principal who) {
    View view = view(def, r, who);
    return ApiResponse.json(status, view.body())
        .withHeader("ETag", "\"" + r.version() + "\"")
        .withPiiReturned(view.piiReturned());
  }

  /** A record as a caller may see it. */
  record View(ObjectNode body, boolean piiReturned) {}

  static View view(CollectionDef def, RecordStore.StoredRecord r, Principal who) {
    boolean canSee = who.has(Scope.PII_READ);
    boolean pii = false;
    ObjectNode body = RecordStore.toJson(def, r);
    for (FieldDef f : def.fields()) {
      JsonNode v = body.get(f.name());
      if (f.classification().isSensitive() && v != null && !v.isNull()) {
        if (canSee) {
          pii = true;
        } else {
          body.put(f.name(), MASK);
        }
      }
    }
    return new View(body, pii);
  }
}
