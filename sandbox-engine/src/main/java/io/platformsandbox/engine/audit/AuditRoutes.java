package io.platformsandbox.engine.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.platformsandbox.engine.api.ApiException;
import io.platformsandbox.engine.api.ApiRequest;
import io.platformsandbox.engine.api.ApiResponse;
import io.platformsandbox.engine.api.Pages;
import io.platformsandbox.engine.api.Route;
import io.platformsandbox.engine.api.Scope;
import io.platformsandbox.engine.json.Json;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;

/** {@code GET /v1/audit}: the caller's tenant's audit log, newest first. */
public final class AuditRoutes {
  private final AuditLog log;

  public AuditRoutes(AuditLog log) {
    this.log = log;
  }

  public List<Route> routes() {
    return List.of(Route.get("/v1/audit").scope(Scope.AUDIT_READ).action("audit.list").handle(this::list));
  }

  private ApiResponse list(ApiRequest request) {
    int limit = Pages.limit(request);
    JsonNode cursor = Pages.cursor(request);
    if (cursor != null && !cursor.canConvertToLong()) {
      throw ApiException.badRequest("invalid-cursor", "Invalid cursor", "The cursor is not one this API returned.");
    }
    Instant since = request.query("since").map(AuditRoutes::instant).orElse(null);
    List<AuditEntry> entries =
        log.query(
            new AuditLog.Query(
                request.tenant(),
                request.query("actor").orElse(null),
                request.query("resource").map(r -> r.startsWith("/v1/") ? r.substring(4) : r).orElse(null),
                since,
                cursor == null ? null : cursor.asLong(),
                limit + 1));
    boolean more = entries.size() > limit;
    List<ObjectNode> data = entries.stream().limit(limit).map(AuditRoutes::json).toList();
    JsonNode next = more ? LongNode.valueOf(entries.get(limit - 1).seq()) : null;
    return ApiResponse.ok(Pages.page(data, next));
  }

  static ObjectNode json(AuditEntry e) {
    ObjectNode node = Json.object();
    node.put("id", e.seq());
    node.put("time", e.at().toString());
    node.put("tenant", e.tenant());
    node.put("app", e.clientId());
    node.put("app_name", e.appName());
    node.put("action", e.action());
    node.put("method", e.method());
    node.put("resource", e.resource());
    node.put("status", e.status());
    node.put("pii_returned", e.pii());
    if (e.purpose() == null) {
      node.putNull("purpose");
    } else {
      node.put("purpose", e.purpose());
    }
    node.put("request_id", e.requestId());
    return node;
  }

  private static Instant instant(String text) {
    try {
      return OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeParseException e) {
      throw ApiException.badRequest(
          "Query parameter 'since' must be an ISO-8601 date-time such as 2026-01-31T12:00:00Z.");
    }
  }
}
