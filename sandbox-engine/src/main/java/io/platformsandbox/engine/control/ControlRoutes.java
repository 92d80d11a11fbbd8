package io.platformsandbox.engine.control;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.platformsandbox.engine.api.ApiException;
import io.platformsandbox.engine.api.ApiRequest;
import io.platformsandbox.engine.api.ApiResponse;
import io.platformsandbox.engine.api.Body;
import io.platformsandbox.engine.api.Route;
import io.platformsandbox.engine.api.Scope;
import io.platformsandbox.engine.api.ServerSentEvents;
import io.platformsandbox.engine.json.Json;
import io.platformsandbox.engine.tenants.App;
import io.platformsandbox.engine.tenants.RateLimit;
import io.platformsandbox.engine.tenants.Tenant;
import io.platformsandbox.engine.tenants.TenantDirectory;
import io.platformsandbox.engine.traffic.TrafficEntry;
import io.platformsandbox.engine.traffic.TrafficLog;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/** The control API under {@code /_sandbox}: for the workbench, the CLI and tests; loopback only. */
public final class ControlRoutes {
  private final TenantDirectory directory;
  private final TrafficLog traffic;
  private final Supplier<ObjectNode> info;
  private final Runnable reset;

  private final BooleanSupplier running;

  public ControlRoutes(
      TenantDirectory directory, TrafficLog traffic, Supplier<ObjectNode> info, Runnable reset, BooleanSupplier running) {
    this.directory = directory;
    this.traffic = traffic;
    this.info = info;
    this.reset = reset;
    this.running = running;
  }

  public List<Route> routes() {
    return List.of(
        Route.get("/_sandbox/health").control().action("control.health").handle(r -> ApiResponse.ok(Map.of("status", "ok"))),
        Route.get("/_sandbox/info").control().action("control.info").handle(r -> ApiResponse.ok(info.get())),
        Route.post("/_sandbox/tenants").control().action("control.tenants.create").handle(this::createTenant),
        Route.get("/_sandbox/tenants").control().action("control.tenants.list").handle(this::listTenants),
        Route.get("/_sandbox/tenants/{tenant}").control().action("control.tenants.get").handle(this::getTenant),
        Route.patch("/_sandbox/tenants/{tenant}").control().action("control.tenants.update").handle(this::updateTenant),
        Route.delete("/_sandbox/tenants/{tenant}").control().action("control.tenants.delete").handle(this::deleteTenant),
        Route.post("/_sandbox/apps").control().action("control.apps.create").handle(this::createApp),
        Route.get("/_sandbox/apps").control().action("control.apps.list").handle(this::listApps),
        Route.get("/_sandbox/apps/{client_id}").control().action("control.apps.get").handle(this::getApp),
        Route.delete("/_sandbox/apps/{client_id}").control().action("control.apps.delete").handle(this::deleteApp),
        Route.post("/_sandbox/reset").control().body(Body.NONE).action("control.reset").handle(this::reset),
        Route.get("/_sandbox/traffic").control().action("control.traffic").handle(this::traffic),
        Route.get("/_sandbox/traffic/stream").control().action("control.traffic.stream").handle(this::trafficStream));
  }

  /** Server-sent events, one per request ({@code id} = traffic id; resume with Last-Event-ID). */
  private ApiResponse trafficStream(ApiRequest request) {
    long after =
        request.header("Last-Event-ID").or(() -> request.query("after")).map(ControlRoutes::parseLong).orElse(-1L);
    return ApiResponse.eventStream(
        out -> {
          BlockingQueue<TrafficEntry> queue = new LinkedBlockingQueue<>(10_000);
          Consumer<TrafficEntry> listener = queue::offer;
          traffic.subscribe(listener);
          try {
            long last = after;
            if (after >= 0) {
              for (TrafficEntry e : traffic.since(after, 1000)) {
                ServerSentEvents.event(out, Long.toString(e.id()), "traffic", Json.string(trafficJson(e)));
                last = e.id();
              }
            }
            ServerSentEvents.heartbeat(out);
            long quietSince = System.nanoTime();
            while (running.getAsBoolean()) {
              // Wake every second so that a stopping engine ends the stream promptly.
              TrafficEntry e = queue.poll(1, TimeUnit.SECONDS);
              if (e == null) {
                if (System.nanoTime() - quietSince >= TimeUnit.SECONDS.toNanos(15)) {
                  ServerSentEvents.heartbeat(out);
                  quietSince = System.nanoTime();
                }
              } else if (e.id() > last) {
                quietSince = System.nanoTime();
                ServerSentEvents.event(out, Long.toString(e.id()), "traffic", Json.string(trafficJson(e)));
                last = e.id();
              }
            }
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          } finally {
            traffic.unsubscribe(listener);
          }
        });
  }

  private ApiResponse createTenant(ApiRequest request) {
    ObjectNode body = request.jsonObject();
    Map<String, String> errors = new LinkedHashMap<>();
    unknownKeys(body, Set.of("id", "name", "rate_limit"), errors);
    String id = optionalText(body, "id", errors);
    String name = optionalText(body, "name", errors);
    if (id == null && !errors.containsKey("id")) {
      errors.put("id", "is required");
    } else if (id != null && !TenantDirectory.TENANT_ID.matcher(id).matches()) {
      errors.put("id", "must be 1-63 lowercase letters, digits or '-', starting with a letter or digit");
    }
    RateLimit rate = rateLimit(body, errors).orElse(null);
    if (!errors.isEmpty()) {
      throw ApiException.invalid("The tenant is not valid.", errors);
    }
    Tenant tenant = directory.createTenant(id, name, rate);
    return ApiResponse.created(tenantJson(tenant)).withHeader("Location", "/_sandbox/tenants/" + tenant.id());
  }

  private ApiResponse listTenants(ApiRequest request) {
    ObjectNode body = Json.object();
    var data = body.putArray("data");
    directory.tenants().forEach(t -> data.add(tenantJson(t)));
    return ApiResponse.ok(body);
  }

  private ApiResponse getTenant(ApiRequest request) {
    String id = request.pathParam("tenant");
    return ApiResponse.ok(
        tenantJson(directory.tenant(id).orElseThrow(() -> ApiException.notFound("No tenant '" + id + "'."))));
  }

  private ApiResponse updateTenant(ApiRequest request) {
    ObjectNode body = request.jsonObject();
    Map<String, String> errors = new LinkedHashMap<>();
    unknownKeys(body, Set.of("name", "rate_limit"), errors);
    String name = optionalText(body, "name", errors);
    Optional<RateLimit> rate = rateLimit(body, errors);
    if (!errors.isEmpty()) {
      throw ApiException.invalid("The tenant update is not valid.", errors);
    }
    return ApiResponse.ok(tenantJson(directory.updateTenant(request.pathParam("tenant"), name, rate)));
  }

  private ApiResponse deleteTenant(ApiRequest request) {
    directory.deleteTenant(request.pathParam("tenant"));
    return ApiResponse.noContent();
  }

  private ApiResponse createApp(ApiRequest request) {
    ObjectNode body = request.jsonObject();
    Map<String, String> errors = new LinkedHashMap<>();
    unknownKeys(body, Set.of("tenant", "name", "scopes"), errors);
    String tenant = optionalText(body, "tenant", errors);
    String name = optionalText(body, "name", errors);
    if (tenant == null && !errors.containsKey("tenant")) {
      errors.put("tenant", "is required");
    }
    if (name == null && !errors.containsKey("name")) {
      errors.put("name", "is required");
    } else if (name != null && (name.isBlank() || name.length() > 200)) {
      errors.put("name", "must be 1 to 200 characters");
    }
    Set<Scope> scopes = EnumSet.noneOf(Scope.class);
    JsonNode scopesNode = body.get("scopes");
    if (scopesNode == null || !scopesNode.isArray()) {
      errors.put("scopes", "is required: a list of scopes such as [\"records:read\"]");
    } else {
      for (JsonNode s : scopesNode) {
        Optional<Scope> scope = s.isTextual() ? Scope.fromWire(s.asText()) : Optional.empty();
        if (scope.isEmpty()) {
          errors.put(
              "scopes",
              "has an unknown scope " + s + "; known scopes: "
                  + EnumSet.allOf(Scope.class).stream().map(Scope::wire).collect(Collectors.joining(", ")));
        } else {
          scopes.add(scope.get());
        }
      }
    }
    if (!errors.isEmpty()) {
      throw ApiException.invalid("The app is not valid.", errors);
    }
    App app = directory.createApp(tenant, name, scopes);
    return ApiResponse.created(appJson(app)).withHeader("Location", "/_sandbox/apps/" + app.clientId());
  }

  private ApiResponse listApps(ApiRequest request) {
    ObjectNode body = Json.object();
    var data = body.putArray("data");
    directory.apps(request.query("tenant").orElse(null)).forEach(a -> data.add(appJson(a)));
    return ApiResponse.ok(body);
  }

  private ApiResponse getApp(ApiRequest request) {
    String id = request.pathParam("client_id");
    return ApiResponse.ok(appJson(directory.app(id).orElseThrow(() -> ApiException.notFound("No app '" + id + "'."))));
  }

  private ApiResponse deleteApp(ApiRequest request) {
    directory.deleteApp(request.pathParam("client_id"));
    return ApiResponse.noContent();
  }

  private ApiResponse reset(ApiRequest request) {
    reset.run();
    return ApiResponse.noContent();
  }

  private ApiResponse traffic(ApiRequest request) {
    long after = request.query("after").map(ControlRoutes::parseLong).orElse(0L);
    int limit = request.queryInt("limit", 100, 1, 1000);
    ObjectNode body = Json.object();
    var data = body.putArray("data");
    for (TrafficEntry e : traffic.since(after, limit)) {
      data.add(trafficJson(e));
    }
    return ApiResponse.ok(body);
  }

  private static ObjectNode trafficJson(TrafficEntry e) {
    ObjectNode n = Json.object();
    n.put("id", e.id());
    n.put("time", e.time().toString());
    n.put("request_id", e.requestId());
    n.put("tenant", e.tenant());
    n.put("app", e.app());
    n.put("method", e.method());
    n.put("path", e.path());
    n.put("status", e.status());
    n.put("latency_ms", e.latencyMs());
    n.put("request_body", e.requestBody());
    n.put("response_body", e.responseBody());
    n.put("truncated", e.truncated());
    n.put("fault", e.fault());
    return n;
  }

  private static long parseLong(String s) {
    try {
      return Long.parseLong(s);
    } catch (NumberFormatException e) {
      throw ApiException.badRequest("Query parameter 'after' must be a traffic entry id (an integer).");
    }
  }

  private static Optional<RateLimit> rateLimit(ObjectNode body, Map<String, String> errors) {
    JsonNode node = body.get("rate_limit");
    if (node == null || node.isNull()) {
      return Optional.empty();
    }
    if (!node.isObject()) {
      errors.put("rate_limit", "must be an object {per_second, burst}");
      return Optional.empty();
    }
    unknownKeys((ObjectNode) node, Set.of("per_second", "burst"), errors, "rate_limit.");
    JsonNode perSecond = node.get("per_second");
    if (perSecond == null || !perSecond.isNumber() || perSecond.asDouble() < 0 || perSecond.asDouble() > 1_000_000) {
      errors.put("rate_limit.per_second", "must be a number from 0 (no limit) to 1000000");
      return Optional.empty();
    }
    double rate = perSecond.asDouble();
    JsonNode burstNode = node.get("burst");
    long burst = Math.max(1, (long) Math.ceil(rate * 2));
    if (burstNode != null && !burstNode.isNull()) {
      if (!burstNode.isIntegralNumber() || burstNode.asLong() < 1 || burstNode.asLong() > 10_000_000) {
        errors.put("rate_limit.burst", "must be a whole number from 1 to 10000000");
        return Optional.empty();
      }
      burst = burstNode.asLong();
    }
    return Optional.of(new RateLimit(rate, burst));
  }

  private static String optionalText(ObjectNode body, String key, Map<String, String> errors) {
    JsonNode v = body.get(key);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isTextual()) {
      errors.put(key, "must be a string");
      return null;
    }
    return v.asText();
  }

  private static void unknownKeys(ObjectNode node, Set<String> known, Map<String, String> errors) {
    unknownKeys(node, known, errors, "");
  }

  private static void unknownKeys(ObjectNode node, Set<String> known, Map<String, String> errors, String prefix) {
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String key = it.next();
      if (!known.contains(key)) {
        errors.put(prefix + key, "is not a known property; expected " + String.join(", ", known.stream().sorted().toList()));
      }
    }
  }

  private ObjectNode tenantJson(Tenant t) {
    ObjectNode n = Json.object();
    n.put("id", t.id());
    n.put("name", t.name());
    RateLimit rate = t.rateLimit() == null ? directory.defaultRateLimit() : t.rateLimit();
    ObjectNode r = n.putObject("rate_limit");
    r.put("per_second", rate.perSecond());
    r.put("burst", rate.burst());
    n.put("created_at", t.createdAt().toString());
    return n;
  }

  private static ObjectNode appJson(App a) {
    ObjectNode n = Json.object();
    n.put("client_id", a.clientId());
    n.put("client_secret", a.clientSecret());
    n.put("tenant", a.tenant());
    n.put("name", a.name());
    var scopes = n.putArray("scopes");
    a.scopes().stream().map(Scope::wire).sorted().forEach(scopes::add);
    n.put("created_at", a.createdAt().toString());
    return n;
  }
}
