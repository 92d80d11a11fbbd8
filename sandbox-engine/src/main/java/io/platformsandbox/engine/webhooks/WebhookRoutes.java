package io.platformsandbox.engine.webhooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.platformsandbox.engine.api.ApiException;
import io.platformsandbox.engine.api.ApiRequest;
import io.platformsandbox.engine.api.ApiResponse;
import io.platformsandbox.engine.api.Body;
import io.platformsandbox.engine.api.Pages;
import io.platformsandbox.engine.api.Route;
import io.platformsandbox.engine.api.Scope;
import io.platformsandbox.engine.json.Json;
import io.platformsandbox.engine.tenants.App;
import io.platformsandbox.engine.tenants.TenantDirectory;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** Webhook registration, deliveries and redelivery in Platform API v1. */
public final class WebhookRoutes {
  private static final Pattern SUBSCRIPTION = Pattern.compile("\\*|[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)+(:[a-z][a-z0-9_-]{0,62})?");
  private static final Set<String> KEYS = Set.of("url", "events");
  private static final Set<String> CONTROL_KEYS = Set.of("client_id", "url", "events");

  private final Webhooks webhooks;
  private final WebhookDispatcher dispatcher;
  private final TenantDirectory directory;

  public WebhookRoutes(Webhooks webhooks, WebhookDispatcher dispatcher, TenantDirectory directory) {
    this.webhooks = webhooks;
    this.dispatcher = dispatcher;
    this.directory = directory;
  }

  public List<Route> routes() {
    return List.of(
        Route.post("/v1/webhooks").scope(Scope.WEBHOOKS_MANAGE).action("webhooks.create").idempotent().handle(this::create),
        Route.get("/v1/webhooks").scope(Scope.WEBHOOKS_MANAGE).action("webhooks.list").handle(this::list),
        Route.get("/v1/webhooks/{webhook}").scope(Scope.WEBHOOKS_MANAGE).action("webhooks.get").handle(this::get),
        Route.delete("/v1/webhooks/{webhook}").scope(Scope.WEBHOOKS_MANAGE).action("webhooks.delete").handle(this::delete),
        Route.get("/v1/webhooks/{webhook}/deliveries").scope(Scope.WEBHOOKS_MANAGE).action("webhooks.deliveries").handle(this::deliveries),
        Route.post("/v1/webhooks/{webhook}/deliveries/{delivery}/redeliver")
            .scope(Scope.WEBHOOKS_MANAGE)
            .body(Body.NONE)
            .action("webhooks.redeliver")
            .handle(this::redeliver),
        Route.post("/_sandbox/webhooks").control().action("control.webhooks.create").handle(this::createForApp),
        Route.delete("/_sandbox/webhooks/{webhook}").control().action("control.webhooks.delete").handle(this::deleteAny));
  }

  /** Removes a webhook of any tenant (what stopping a plugin does); pending deliveries are cancelled. */
  private ApiResponse deleteAny(ApiRequest request) {
    Webhook w = webhooks.find(request.pathParam("webhook"))
        .orElseThrow(() -> ApiException.notFound("No webhook '" + request.pathParam("webhook") + "'."));
    webhooks.delete(w.tenant(), w.id());
    return ApiResponse.noContent();
  }

  /**
   * Registers a webhook on behalf of an app, as the platform does when it installs a plugin: owned
   * by the app, reading PII exactly when the app may, without the app needing {@code
   * webhooks:manage}.
   */
  private ApiResponse createForApp(ApiRequest request) {
    ObjectNode body = request.jsonObject();
    Map<String, String> errors = new LinkedHashMap<>();
    String clientId = body.path("client_id").isTextual() ? body.get("client_id").asText() : null;
    Optional<App> app = clientId == null ? Optional.empty() : directory.app(clientId);
    if (clientId == null) {
      errors.put("client_id", "is required: the app (ci_…) that owns the webhook");
    } else if (app.isEmpty()) {
      errors.put("client_id", "is not a registered app");
    }
    Subscription sub = subscription(body, CONTROL_KEYS, errors);
    if (!errors.isEmpty()) {
      throw ApiException.invalid("The webhook is not valid.", errors);
    }
    App owner = app.orElseThrow();
    Webhook w = webhooks.register(owner.tenant(), owner.clientId(), owner.scopes().contains(Scope.PII_READ), sub.url(), sub.events());
    ObjectNode out = json(w);
    out.put("tenant", w.tenant());
    out.put("secret", w.secret());
    return ApiResponse.created(out);
  }

  private ApiResponse create(ApiRequest request) {
    Map<String, String> errors = new LinkedHashMap<>();
    Subscription sub = subscription(request.jsonObject(), KEYS, errors);
    if (!errors.isEmpty()) {
      throw ApiException.invalid("The webhook is not valid.", errors);
    }
    Webhook w =
        webhooks.register(
            request.tenant(), request.principal().clientId(), request.principal().has(Scope.PII_READ), sub.url(), sub.events());
    ObjectNode out = json(w);
    out.put("secret", w.secret());
    return ApiResponse.created(out).withHeader("Location", "/v1/webhooks/" + w.id());
  }

  private record Subscription(String url, List<String> events) {}

  private static Subscription subscription(ObjectNode body, Set<String> keys, Map<String, String> errors) {
    for (Iterator<String> it = body.fieldNames(); it.hasNext(); ) {
      String key = it.next();
      if (!keys.contains(key)) {
        errors.put(key, "is not a known property; expected " + String.join(", ", new java.util.TreeSet<>(keys)));
      }
    }
    String url = body.path("url").isTextual() ? body.get("url").asText() : null;
    if (url == null) {
      errors.put("url", "is required: the http(s) URL to POST events to");
    } else {
      try {
        URI uri = new URI(url);
        if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
          errors.put("url", "must be an absolute http or https URL");
        }
      } catch (URISyntaxException e) {
        errors.put("url", "is not a valid URL: " + e.getReason());
      }
    }
    List<String> events = new ArrayList<>();
    JsonNode eventsNode = body.get("events");
    if (eventsNode == null || !eventsNode.isArray() || eventsNode.isEmpty()) {
      errors.put("events", "is required: a list such as [\"record.created:contacts\", \"subject.erasure_requested\"]");
    } else {
      for (JsonNode e : eventsNode) {
        if (!e.isTextual() || !SUBSCRIPTION.matcher(e.asText()).matches()) {
          errors.put("events", "has " + e + ": use a type (record.created), a type and a collection (record.created:contacts) or *");
        } else {
          events.add(e.asText());
        }
      }
    }
    return new Subscription(url, events);
  }

  private ApiResponse list(ApiRequest request) {
    return ApiResponse.ok(Pages.page(webhooks.list(request.tenant()).stream().map(WebhookRoutes::json).toList(), null));
  }

  private ApiResponse get(ApiRequest request) {
    return ApiResponse.ok(json(webhooks.require(request.tenant(), request.pathParam("webhook"))));
  }

  private ApiResponse delete(ApiRequest request) {
    webhooks.delete(request.tenant(), request.pathParam("webhook"));
    return ApiResponse.noContent();
  }

  private ApiResponse deliveries(ApiRequest request) {
    Webhook w = webhooks.require(request.tenant(), request.pathParam("webhook"));
    int limit = Pages.limit(request);
    JsonNode cursor = Pages.cursor(request);
    if (cursor != null && !cursor.canConvertToLong()) {
      throw ApiException.badRequest("invalid-cursor", "Invalid cursor", "The cursor is not one this API returned.");
    }
    List<Delivery> found = dispatcher.deliveries(w.id(), cursor == null ? null : cursor.asLong(), limit + 1);
    boolean more = found.size() > limit;
    List<ObjectNode> data = found.stream().limit(limit).map(WebhookRoutes::json).toList();
    return ApiResponse.ok(Pages.page(data, more ? LongNode.valueOf(found.get(limit - 1).seq()) : null));
  }

  private ApiResponse redeliver(ApiRequest request) {
    Webhook w = webhooks.require(request.tenant(), request.pathParam("webhook"));
    return ApiResponse.ok(json(dispatcher.redeliver(request.tenant(), w.id(), request.pathParam("delivery"))));
  }

  static ObjectNode json(Webhook w) {
    ObjectNode n = Json.object();
    n.put("id", w.id());
    n.put("url", w.url());
    var events = n.putArray("events");
    w.events().forEach(events::add);
    n.put("created_at", w.createdAt().toString());
    return n;
  }

  static ObjectNode json(Delivery d) {
    ObjectNode n = Json.object();
    n.put("id", d.id());
    n.put("webhook_id", d.webhookId());
    n.put("event_id", d.eventId());
    JsonNode payload = Json.parseTrusted(d.payload());
    n.put("event_type", payload.path("type").asText());
    n.put("status", d.status());
    n.put("attempts", d.attempts());
    if (d.nextAttemptAt() == null) {
      n.putNull("next_attempt_at");
    } else {
      n.put("next_attempt_at", d.nextAttemptAt().toString());
    }
    n.put("created_at", d.createdAt().toString());
    var history = n.putArray("attempt_history");
    for (Delivery.Attempt a : d.history()) {
      ObjectNode h = history.addObject();
      h.put("attempt", a.number());
      h.put("at", a.at().toString());
      if (a.statusCode() == null) {
        h.putNull("status_code");
      } else {
        h.put("status_code", a.statusCode());
      }
      h.put("latency_ms", Math.round(a.latencyMs() * 100) / 100.0);
      h.put("error", a.error());
      h.put("response_excerpt", a.responseExcerpt());
      h.put("manual", a.manual());
    }
    return n;
  }
}
