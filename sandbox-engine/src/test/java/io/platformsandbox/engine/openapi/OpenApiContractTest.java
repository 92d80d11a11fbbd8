package io.platformsandbox.engine.openapi;

import static io.platformsandbox.engine.openapi.OpenApiDocs.FILE;
import static io.platformsandbox.engine.openapi.OpenApiDocs.assertNoProblems;
import static io.platformsandbox.engine.openapi.OpenApiDocs.key;
import static io.platformsandbox.engine.openapi.OpenApiDocs.openApiPath;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.platformsandbox.engine.Engine;
import io.platformsandbox.engine.EngineConfig;
import io.platformsandbox.engine.api.Access;
import io.platformsandbox.engine.api.Pages;
import io.platformsandbox.engine.api.Route;
import io.platformsandbox.engine.api.Scope;
import io.platformsandbox.engine.json.Json;
import io.platformsandbox.engine.records.filter.Filter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Proves that the OpenAPI document and the engine's route table describe the same API, both
 * ways: every Platform API route ({@code /v1/...}, {@code /oauth/...}) is documented with its
 * method, path, action and scope, and every documented operation is a route. The control API
 * ({@code /_sandbox}) is not part of the document: {@link ControlApiContractTest} checks its own.
 */
class OpenApiContractTest {
  private static Engine engine;
  private static JsonNode doc;
  private static Map<String, OpenApiDocs.Operation> operations;
  private static Map<String, Route> routes;

  @BeforeAll
  static void start() {
    engine = Engine.create(EngineConfig.ephemeral()).start();
    doc = OpenApiRoutes.document();
    operations = OpenApiDocs.operations(doc);
    routes = new LinkedHashMap<>();
    for (Route route : engine.routes()) {
      if (route.path().startsWith("/v1/") || route.path().startsWith("/oauth/")) {
        routes.put(key(route), route);
      }
    }
  }

  @AfterAll
  static void stop() {
    if (engine != null) {
      engine.close();
    }
  }

  @Test
  void theRouteTableHasPlatformRoutesToCompare() {
    assertThat(routes)
        .as("Engine.routes() should hold the Platform API routes (/v1/..., /oauth/...)")
        .containsKeys("POST /oauth/token", "GET /v1/openapi.json");
  }

  @Test
  void everyRouteIsDocumented() {
    List<String> problems = new ArrayList<>();
    routes.forEach(
        (key, route) -> {
          if (!operations.containsKey(key)) {
            problems.add(
                "Route "
                    + route.method()
                    + " "
                    + route.path()
                    + " (action '"
                    + route.action()
                    + "') is not documented. Add to "
                    + FILE
                    + ": paths: '"
                    + openApiPath(route.path())
                    + "': "
                    + route.method().name().toLowerCase(Locale.ROOT)
                    + ": with operationId: "
                    + route.action()
                    + (route.access() == Access.APP
                        ? " and security: [{oauth2: [" + quotedScope(route) + "]}, {bearerAuth: [" + quotedScope(route) + "]}]"
                        : " and security: []")
                    + (route.path().contains("+}")
                        ? " (write {name+} as {name} and say in the parameter's description that it may contain '/')"
                        : ""));
          }
        });
    assertNoProblems(problems);
  }

  @Test
  void everyDocumentedOperationIsARoute() {
    List<String> problems = new ArrayList<>();
    operations.forEach(
        (key, op) -> {
          if (!routes.containsKey(key)) {
            problems.add(
                FILE
                    + " documents "
                    + key
                    + " (operationId '"
                    + op.operationId()
                    + "') at "
                    + op.where()
                    + ", but the engine serves no such Platform API route"
                    + (op.path().startsWith("/_sandbox")
                        ? " (the control API /_sandbox is not part of this document)"
                        : "")
                    + ". Remove the operation from the YAML, or add the route to the *Routes class that"
                    + " owns it (and to Engine's route table). Routes with this path: "
                    + routes.values().stream()
                        .filter(r -> openApiPath(r.path()).equals(op.path()))
                        .map(r -> r.method().name())
                        .sorted()
                        .toList());
          }
        });
    assertNoProblems(problems);
  }

  @Test
  void operationIdsAreTheRoutesActions() {
    List<String> problems = new ArrayList<>();
    forEachDocumentedRoute(
        (route, op) -> {
          if (!route.action().equals(op.operationId())) {
            problems.add(
                key(route)
                    + ": set operationId: "
                    + route.action()
                    + " at "
                    + op.where()
                    + " in "
                    + FILE
                    + " (found "
                    + (op.operationId() == null ? "none" : "'" + op.operationId() + "'")
                    + "); the audit log names calls by the route's action, so the two must match.");
          }
        });
    assertNoProblems(problems);
  }

  @Test
  void appRoutesDeclareTheirScopeAndPublicRoutesNone() {
    List<String> problems = new ArrayList<>();
    forEachDocumentedRoute(
        (route, op) -> {
          JsonNode security = op.node().get("security");
          if (route.access() == Access.APP && route.scope() == null) {
            // Any valid token: a token is required, and no scope is named.
            boolean oauth = false;
            boolean ok = security != null && security.isArray() && !security.isEmpty();
            for (JsonNode requirement : ok ? security : Json.array()) {
              ok &= !requirement.isEmpty();
              for (Iterator<Map.Entry<String, JsonNode>> it = requirement.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> scheme = it.next();
                ok &= scheme.getValue().isArray() && scheme.getValue().isEmpty();
                oauth |= scheme.getKey().equals("oauth2");
              }
            }
            if (!ok || !oauth) {
              problems.add(key(route) + " takes any valid token: set security: [{oauth2: []}, {bearerAuth: []}] at " + op.where() + " in " + FILE + ".");
            }
          } else if (route.access() == Access.APP) {
            String scope = route.scope().wire();
            String fix =
                " Set security: [{oauth2: ['"
                    + scope
                    + "']}, {bearerAuth: ['"
                    + scope
                    + "']}] at "
                    + op.where()
                    + " in "
                    + FILE
                    + ".";
            if (security == null || !security.isArray() || security.isEmpty()) {
              problems.add(key(route) + " needs the scope '" + scope + "' but declares no security." + fix);
              return;
            }
            boolean oauth = false;
            for (JsonNode requirement : security) {
              if (requirement.isEmpty()) {
                problems.add(key(route) + " allows anonymous calls ({} in security), but it needs a token with '" + scope + "'." + fix);
              }
              for (Iterator<Map.Entry<String, JsonNode>> it = requirement.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> scheme = it.next();
                boolean names = false;
                for (JsonNode s : scheme.getValue()) {
                  names |= s.asText().equals(scope);
                }
                if (!names) {
                  problems.add(key(route) + ": the security requirement '" + scheme.getKey() + "' does not name the route's scope '" + scope + "'." + fix);
                }
                oauth |= scheme.getKey().equals("oauth2") && names;
              }
            }
            if (!oauth) {
              problems.add(key(route) + " declares no oauth2 requirement with '" + scope + "'." + fix);
            }
          } else {
            boolean anonymous = security != null && security.isArray() && (security.isEmpty() || containsEmptyObject(security));
            if (!anonymous) {
              problems.add(
                  key(route)
                      + " is a public route (no token), so its operation must say so: security: [] at "
                      + op.where()
                      + " in "
                      + FILE
                      + " (or include {} among the requirements).");
            }
          }
        });
    assertNoProblems(problems);
  }

  @Test
  void everyScopeIsAnOAuthScopeOfTheDocument() {
    JsonNode flow = doc.at("/components/securitySchemes/oauth2/flows/clientCredentials");
    assertThat(flow.path("tokenUrl").asText())
        .as("components.securitySchemes.oauth2.flows.clientCredentials.tokenUrl in %s", FILE)
        .isEqualTo("/oauth/token");
    JsonNode documented = flow.path("scopes");
    List<String> problems = new ArrayList<>();
    for (Scope scope : Scope.values()) {
      if (documented.path(scope.wire()).asText("").isBlank()) {
        problems.add(
            "Scope '" + scope.wire() + "' (api/Scope." + scope.name() + ") has no description in "
                + "components.securitySchemes.oauth2.flows.clientCredentials.scopes of " + FILE + ": add '"
                + scope.wire() + "': <what it allows>.");
      }
    }
    documented
        .fieldNames()
        .forEachRemaining(
            name -> {
              if (Scope.fromWire(name).isEmpty()) {
                problems.add(
                    FILE + " lists the OAuth scope '" + name + "', which api/Scope.java does not have: remove it"
                        + " or add it to the Scope enum.");
              }
            });
    assertNoProblems(problems);
  }

  @Test
  void requestBodiesMatchWhatTheRoutesRead() {
    List<String> problems = new ArrayList<>();
    forEachDocumentedRoute(
        (route, op) -> {
          JsonNode body = OpenApiDocs.resolve(doc, op.node().path("requestBody"));
          JsonNode content = body.path("content");
          String expected = OpenApiDocs.mediaType(route.body());
          if (expected == null) {
            if (!body.isMissingNode()) {
              problems.add(key(route) + " reads no body, but " + op.where() + " in " + FILE + " documents a requestBody: remove it.");
            }
          } else if (!content.has(expected)) {
            problems.add(
                key(route) + " reads a " + route.body() + " body: document requestBody.content['" + expected + "'] at "
                    + op.where() + " in " + FILE + " (found " + OpenApiDocs.fieldNames(content) + ").");
          }
        });
    assertNoProblems(problems);
  }

  @Test
  void pathParametersAndIdempotencyKeysMatchTheRoutes() {
    List<String> problems = new ArrayList<>();
    forEachDocumentedRoute(
        (route, op) -> {
          List<JsonNode> params = OpenApiDocs.parameters(doc, op);
          Set<String> expectedPath = OpenApiDocs.pathParams(route.path());
          Set<String> documentedPath =
              params.stream()
                  .filter(p -> p.path("in").asText().equals("path"))
                  .map(p -> p.path("name").asText())
                  .collect(Collectors.toCollection(TreeSet::new));
          if (!expectedPath.equals(documentedPath)) {
            problems.add(
                key(route) + " has path parameters " + expectedPath + " but " + op.where() + " in " + FILE
                    + " documents " + documentedPath + ": declare each as {name, in: path, required: true}.");
          }
          params.stream()
              .filter(p -> p.path("in").asText().equals("path") && !p.path("required").asBoolean(false))
              .forEach(p -> problems.add(key(route) + ": path parameter '" + p.path("name").asText() + "' must have required: true."));
          boolean documentsKey =
              params.stream()
                  .anyMatch(p -> p.path("in").asText().equals("header")
                      && p.path("name").asText().equalsIgnoreCase("Idempotency-Key"));
          if (route.idempotent() && !documentsKey) {
            problems.add(
                key(route) + " replays retries by Idempotency-Key: add $ref: '#/components/parameters/IdempotencyKey'"
                    + " to the parameters at " + op.where() + " in " + FILE + ".");
          } else if (!route.idempotent() && documentsKey) {
            problems.add(
                key(route) + " is not idempotent (the dispatcher ignores Idempotency-Key there): remove the"
                    + " Idempotency-Key parameter at " + op.where() + " in " + FILE + ", or mark the route .idempotent().");
          }
        });
    assertNoProblems(problems);
  }

  @Test
  void documentedLimitsAreTheCodesLimits() {
    JsonNode limit = doc.at("/components/parameters/Limit/schema");
    assertThat(limit.path("maximum").asInt())
        .as("components.parameters.Limit.schema.maximum in %s must be Pages.MAX_LIMIT", FILE)
        .isEqualTo(Pages.MAX_LIMIT);
    assertThat(limit.path("default").asInt())
        .as("components.parameters.Limit.schema.default in %s must be Pages.DEFAULT_LIMIT", FILE)
        .isEqualTo(Pages.DEFAULT_LIMIT);
    assertThat(doc.at("/components/parameters/Filter/schema/maxLength").asInt())
        .as("components.parameters.Filter.schema.maxLength in %s must be Filter.MAX_LENGTH", FILE)
        .isEqualTo(Filter.MAX_LENGTH);
  }

  @Test
  void theEngineServesTheDocumentAsJson() throws Exception {
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    HttpResponse<String> response =
        client.send(
            HttpRequest.newBuilder(URI.create(engine.apiUrl() + "/v1/openapi.json"))
                .timeout(Duration.ofSeconds(10))
                .GET()
                .build(),
            HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).as("GET /v1/openapi.json status; body: %s", response.body()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type"))
        .as("GET /v1/openapi.json Content-Type")
        .hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
    assertThat(response.headers().firstValue("X-Request-Id")).as("every response carries X-Request-Id").isPresent();
    JsonNode served = Json.MAPPER.readTree(response.body());
    assertThat(served.path("openapi").asText())
        .as("the served document's 'openapi' version (OpenAPI 3.1 is the contract)")
        .startsWith("3.1");
    assertThat(served)
        .as("the served JSON must be the YAML resource %s, unchanged", FILE)
        .isEqualTo(doc);
  }

  // ---------------------------------------------------------------------------------------------

  private interface RouteCheck {
    void check(Route route, OpenApiDocs.Operation op);
  }

  /** Runs a check on each route that is documented (undocumented ones fail their own test). */
  private static void forEachDocumentedRoute(RouteCheck check) {
    routes.forEach(
        (key, route) -> {
          OpenApiDocs.Operation op = operations.get(key);
          if (op != null) {
            check.check(route, op);
          }
        });
  }

  private static String quotedScope(Route route) {
    return route.scope() == null ? "" : "'" + route.scope().wire() + "'";
  }

  private static boolean containsEmptyObject(JsonNode array) {
    for (JsonNode n : array) {
      if (n.isObject() && n.isEmpty()) {
        return true;
      }
    }
    return false;
  }

}
